using System.Reflection;

namespace Symbolic.Kernels;

/// <summary>
/// What compiled gradients call for materialised matrices: per-thread buffers reused from call to call
/// (a gradient allocates nothing once warm), the matrix product, and elementwise sums.
/// </summary>
/// <remarks>
/// A buffer belongs to one node of one graph (its slot is the node's id): a delegate's matrices live
/// until it returns, and delegates run one at a time on a thread, so two of them may share slots.
/// </remarks>
internal static class DenseRuntime
{
    [ThreadStatic] private static double[]?[]? t_buffers;

    public static readonly MethodInfo RentMethod = typeof(DenseRuntime).GetMethod(nameof(Rent))!;
    public static readonly MethodInfo MultiplyMethod = typeof(DenseRuntime).GetMethod(nameof(Multiply))!;
    public static readonly MethodInfo AddMethod = typeof(DenseRuntime).GetMethod(nameof(Add))!;

    /// <summary>A zeroed buffer of at least <paramref name="length"/> doubles for this slot on this thread.</summary>
    public static double[] Rent(int slot, int length)
    {
        var buffer = Buffer(slot, length);
        Array.Clear(buffer, 0, length);
        return buffer;
    }

    /// <summary>C = op(A)·op(B) into the slot's buffer; A is aRows × aColumns row-major (before op), B likewise.</summary>
    public static double[] Multiply(int slot, double[] a, bool transposeA, int aRows, int aColumns, double[] b, bool transposeB, int bRows, int bColumns)
    {
        var (m, k) = transposeA ? (aColumns, aRows) : (aRows, aColumns);
        var (kB, n) = transposeB ? (bColumns, bRows) : (bRows, bColumns);
        if (k != kB) throw new InvalidOperationException($"A matrix product's inner dimensions differ: {k} and {kB}.");
        var c = Buffer(slot, m * n);
        // A[i, p] = a[i·aRow + p·aCol]: a transposed operand is read in place, through swapped strides.
        var (aRow, aCol) = transposeA ? (1, aColumns) : (aColumns, 1);
        var (bRow, bCol) = transposeB ? (1, bColumns) : (bColumns, 1);
        MatrixKernel.Multiply(m, n, k, a, 0, aRow, aCol, b, 0, bRow, bCol, c, 0, n, accumulate: false);
        return c;
    }

    /// <summary>A + B elementwise (length doubles) into the slot's buffer.</summary>
    public static double[] Add(int slot, double[] a, double[] b, int length)
    {
        var c = Buffer(slot, length);
        for (var i = 0; i < length; i++) c[i] = a[i] + b[i];
        return c;
    }

    private static double[] Buffer(int slot, int length)
    {
        var buffers = t_buffers ??= new double[]?[Math.Max(64, slot + 1)];
        if (slot >= buffers.Length) Array.Resize(ref t_buffers, Math.Max(slot + 1, 2 * buffers.Length));
        ref var buffer = ref t_buffers![slot];
        if (buffer is null || buffer.Length < length) buffer = new double[length];
        return buffer;
    }
}
