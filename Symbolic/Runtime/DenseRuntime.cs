using System.Reflection;
using System.Runtime.CompilerServices;
using Symbolic.Kernels;

namespace Symbolic.Runtime;

/// <summary>
/// What compiled gradients call for materialised matrices: buffers rented from the compiled code's
/// <see cref="Runtime.BufferPool"/> (per thread, reused: a gradient allocates nothing once warm), the matrix
/// product, and elementwise sums.
/// </summary>
/// <remarks>
/// A buffer belongs to one node of one graph (its slot is the node's id): a delegate's matrices live
/// until it returns, and delegates run one at a time on a thread, so two of them may share slots.
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static partial class DenseRuntime
{
    internal static readonly MethodInfo RentMethod = RuntimeMethods.Find(typeof(DenseRuntime), nameof(Rent), typeof(double));
    internal static readonly MethodInfo MultiplyMethod = RuntimeMethods.Find(typeof(DenseRuntime), nameof(Multiply), typeof(double));
    internal static readonly MethodInfo AddMethod = RuntimeMethods.Find(typeof(DenseRuntime), nameof(Add), typeof(double));
    internal static readonly MethodInfo MultiplyAddMethod = RuntimeMethods.Find(typeof(DenseRuntime), nameof(MultiplyAdd), typeof(double));
    internal static readonly MethodInfo AddToMethod = RuntimeMethods.Find(typeof(DenseRuntime), nameof(AddTo), typeof(double));
    internal static readonly MethodInfo MultiplyIntoMethod = RuntimeMethods.Find(typeof(DenseRuntime), nameof(MultiplyInto), typeof(double));
    internal static readonly MethodInfo CopyToMethod = RuntimeMethods.Find(typeof(DenseRuntime), nameof(CopyTo), typeof(double));

    /// <summary>A zeroed buffer of at least <paramref name="length"/> doubles for this slot on this thread, from <paramref name="pool"/>.</summary>
    public static double[] Rent(Runtime.BufferPool pool, int slot, int length)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var buffer = pool.Slot(slot, length);
        Array.Clear(buffer, 0, length);
        return buffer;
    }

    /// <summary>
    /// C = A·B into the slot's buffer (m × n, row-major), A[i, p] = a[aOffset + i·aRow + p·aColumn] (m × k) and
    /// B[p, j] = b[bOffset + p·bRow + j·bColumn] (k × n): transposes and slices of larger arrays are read in place.
    /// </summary>
    /// <exception cref="IndexOutOfRangeException">A view reaches outside its array (as the loops it replaces would have).</exception>
    public static double[] Multiply(Runtime.BufferPool pool, int slot, int m, int n, int k,
        double[] a, int aOffset, int aRow, int aColumn, double[] b, int bOffset, int bRow, int bColumn)
    {
        ArgumentNullException.ThrowIfNull(pool);
        CheckView(a, aOffset, aRow, aColumn, m, k);
        CheckView(b, bOffset, bRow, bColumn, k, n);
        var c = pool.Slot(slot, m * n);
        MatrixKernel.Multiply(m, n, k, a, aOffset, aRow, aColumn, b, bOffset, bRow, bColumn, c, 0, n, 1, accumulate: false);
        return c;
    }

    /// <summary>
    /// C[i, j] += (A·B)[i, j] where C[i, j] = c[cOffset + i·cRow + j·cColumn] is a view of the gradient: a weight
    /// matrix's gradient accumulated by the kernel in place. A view that maps two cells to one element is
    /// added element by element.
    /// </summary>
    public static void MultiplyAdd(Runtime.BufferPool pool, double[] c, int cOffset, int cRow, int cColumn, int m, int n, int k,
        double[] a, int aOffset, int aRow, int aColumn, double[] b, int bOffset, int bRow, int bColumn)
    {
        ArgumentNullException.ThrowIfNull(pool);
        CheckView(a, aOffset, aRow, aColumn, m, k);
        CheckView(b, bOffset, bRow, bColumn, k, n);
        CheckView(c, cOffset, cRow, cColumn, m, n);
        if (IsInjective(cRow, cColumn, m, n))
        {
            MatrixKernel.Multiply(m, n, k, a, aOffset, aRow, aColumn, b, bOffset, bRow, bColumn, c, cOffset, cRow, cColumn, accumulate: true);
            return;
        }
        var product = pool.Scratch(m * n);
        MatrixKernel.Multiply(m, n, k, a, aOffset, aRow, aColumn, b, bOffset, bRow, bColumn, product, 0, n, 1, accumulate: false);
        AddTo(c, cOffset, cRow, cColumn, m, n, product);
    }

    /// <summary>C = A·B into a contiguous row-major block of the gradient that nothing else writes (see MatrixScatter.Overwrites).</summary>
    public static void MultiplyInto(double[] c, int cOffset, int cRow, int cColumn, int m, int n, int k,
        double[] a, int aOffset, int aRow, int aColumn, double[] b, int bOffset, int bRow, int bColumn)
    {
        CheckView(a, aOffset, aRow, aColumn, m, k);
        CheckView(b, bOffset, bRow, bColumn, k, n);
        CheckView(c, cOffset, cRow, cColumn, m, n);
        MatrixKernel.Multiply(m, n, k, a, aOffset, aRow, aColumn, b, bOffset, bRow, bColumn, c, cOffset, cRow, cColumn, accumulate: false);
    }

    /// <summary>C[i, j] = T[i, j] into a block of the gradient that nothing else writes.</summary>
    public static void CopyTo(double[] c, int cOffset, int cRow, int cColumn, int rows, int columns, double[] t)
    {
        ArgumentNullException.ThrowIfNull(t);
        CheckView(c, cOffset, cRow, cColumn, rows, columns);
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++) c[cOffset + i * cRow + j * cColumn] = t[i * columns + j];
    }

    /// <summary>Zeroes a[start .. end), clamped to the array (a buffer of the wrong length has been reported before this runs).</summary>
    public static void ClearRange(double[] a, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(a);
        (start, end) = (Math.Min(start, a.Length), Math.Min(end, a.Length));
        if (end > start) Array.Clear(a, start, end - start);
    }

    /// <summary>C[i, j] += T[i, j] for a rows × columns matrix T (row-major) and a view C of the gradient.</summary>
    public static void AddTo(double[] c, int cOffset, int cRow, int cColumn, int rows, int columns, double[] t)
    {
        ArgumentNullException.ThrowIfNull(t);
        CheckView(c, cOffset, cRow, cColumn, rows, columns);
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++) c[cOffset + i * cRow + j * cColumn] += t[i * columns + j];
    }

    /// <summary>Whether distinct cells of an m × n view are distinct elements (one stride spans the other dimension).</summary>
    private static bool IsInjective(int row, int column, int m, int n) =>
        m <= 1 && (n <= 1 || column != 0) || n <= 1 && row != 0
        || column > 0 && row >= (long)column * n || row > 0 && column >= (long)row * m;

    /// <summary>Every element of a rows × columns view lies inside the array (the kernel reads through references).</summary>
    private static void CheckView<T>(T[] array, int offset, int rowStride, int columnStride, int rows, int columns,
        [CallerArgumentExpression(nameof(array))] string? name = null)
    {
        if (array is null) throw new ArgumentNullException(name);
        if (rows == 0 || columns == 0) return;
        long first = offset, last = offset;
        foreach (var step in (ReadOnlySpan<long>)[(long)(rows - 1) * rowStride, (long)(columns - 1) * columnStride])
            if (step < 0) first += step; else last += step;
        if (first < 0 || last >= array.Length)
            throw new IndexOutOfRangeException($"A matrix view reads elements {first} to {last} of an array of {array.Length}.");
    }

    /// <summary>A + B elementwise (length doubles) into the slot's buffer.</summary>
    public static double[] Add(Runtime.BufferPool pool, int slot, double[] a, double[] b, int length)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var c = pool.Slot(slot, length);
        System.Numerics.Tensors.TensorPrimitives.Add(a.AsSpan(0, length), b.AsSpan(0, length), c.AsSpan(0, length));
        return c;
    }
}
