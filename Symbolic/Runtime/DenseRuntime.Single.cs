using System.Numerics.Tensors;
using System.Reflection;
using Symbolic.Kernels;

namespace Symbolic.Runtime;

public static partial class DenseRuntime
{
    /// <summary>The float twin of an entry point of this class (same name, float arrays), for code that emits a single-precision model.</summary>
    internal static MethodInfo SingleMethod(string name) => RuntimeMethods.Find(typeof(DenseRuntime), name, typeof(float));

    /// <summary>A zeroed buffer of at least <paramref name="length"/> floats for this slot on this thread, from <paramref name="pool"/>.</summary>
    public static float[] RentSingle(Runtime.BufferPool pool, int slot, int length)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var buffer = pool.SingleSlot(slot, length);
        Array.Clear(buffer, 0, length);
        return buffer;
    }

    /// <summary>
    /// C = A·B in float into the slot's float buffer (m × n, row-major), with the views of
    /// <see cref="Multiply(Runtime.BufferPool, int, int, int, int, double[], int, int, int, double[], int, int, int)"/>.
    /// </summary>
    /// <exception cref="IndexOutOfRangeException">A view reaches outside its array.</exception>
    public static float[] Multiply(Runtime.BufferPool pool, int slot, int m, int n, int k,
        float[] a, int aOffset, int aRow, int aColumn, float[] b, int bOffset, int bRow, int bColumn)
    {
        ArgumentNullException.ThrowIfNull(pool);
        CheckView(a, aOffset, aRow, aColumn, m, k);
        CheckView(b, bOffset, bRow, bColumn, k, n);
        var c = pool.SingleSlot(slot, m * n);
        MatrixKernel.Multiply(m, n, k, a, aOffset, aRow, aColumn, b, bOffset, bRow, bColumn, c, 0, n, 1, accumulate: false);
        return c;
    }

    /// <summary>C[i, j] += (A·B)[i, j] in float, C a view of the gradient; a view that maps two cells to one element is added element by element.</summary>
    public static void MultiplyAdd(Runtime.BufferPool pool, float[] c, int cOffset, int cRow, int cColumn, int m, int n, int k,
        float[] a, int aOffset, int aRow, int aColumn, float[] b, int bOffset, int bRow, int bColumn)
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
        var product = pool.SingleScratch(m * n);
        MatrixKernel.Multiply(m, n, k, a, aOffset, aRow, aColumn, b, bOffset, bRow, bColumn, product, 0, n, 1, accumulate: false);
        AddTo(c, cOffset, cRow, cColumn, m, n, product);
    }

    /// <summary>C = A·B in float into a block of the gradient that nothing else writes.</summary>
    public static void MultiplyInto(float[] c, int cOffset, int cRow, int cColumn, int m, int n, int k,
        float[] a, int aOffset, int aRow, int aColumn, float[] b, int bOffset, int bRow, int bColumn)
    {
        CheckView(a, aOffset, aRow, aColumn, m, k);
        CheckView(b, bOffset, bRow, bColumn, k, n);
        CheckView(c, cOffset, cRow, cColumn, m, n);
        MatrixKernel.Multiply(m, n, k, a, aOffset, aRow, aColumn, b, bOffset, bRow, bColumn, c, cOffset, cRow, cColumn, accumulate: false);
    }

    /// <summary>C[i, j] = T[i, j] into a block of a float gradient that nothing else writes.</summary>
    public static void CopyTo(float[] c, int cOffset, int cRow, int cColumn, int rows, int columns, float[] t)
    {
        ArgumentNullException.ThrowIfNull(t);
        CheckView(c, cOffset, cRow, cColumn, rows, columns);
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++) c[cOffset + i * cRow + j * cColumn] = t[i * columns + j];
    }

    /// <summary>Zeroes a[start .. end), clamped to the float array.</summary>
    public static void ClearRange(float[] a, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(a);
        (start, end) = (Math.Min(start, a.Length), Math.Min(end, a.Length));
        if (end > start) Array.Clear(a, start, end - start);
    }

    /// <summary>C[i, j] += T[i, j] for a rows × columns float matrix T (row-major) and a view C of the gradient.</summary>
    public static void AddTo(float[] c, int cOffset, int cRow, int cColumn, int rows, int columns, float[] t)
    {
        ArgumentNullException.ThrowIfNull(t);
        CheckView(c, cOffset, cRow, cColumn, rows, columns);
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++) c[cOffset + i * cRow + j * cColumn] += t[i * columns + j];
    }

    /// <summary>A + B elementwise (length floats) into the slot's float buffer.</summary>
    public static float[] Add(Runtime.BufferPool pool, int slot, float[] a, float[] b, int length)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var c = pool.SingleSlot(slot, length);
        TensorPrimitives.Add(a.AsSpan(0, length), b.AsSpan(0, length), c.AsSpan(0, length));
        return c;
    }
}
