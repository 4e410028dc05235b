using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Symbolic.Runtime;

/// <summary>
/// The SIMD bodies of <see cref="RowBlocks"/>, over rows already checked to lie inside their arrays: a block's
/// dot products (each row against the weights, <see cref="Vector512"/> fused multiply-adds along the row) and its
/// scatter g += Xᵀ·c, which walks the block's rows once per group of up to 32 columns and keeps that group of
/// the gradient in registers across the rows (a scatter row by row would store each entry and load it back for
/// the next row, a chain of store-to-load forwards).
/// </summary>
internal static class RowBlockKernels
{
    /// <summary>The first element of row r of a block.</summary>
    internal interface IRows
    {
        /// <summary>A reference to the first element read of row <paramref name="r"/>.</summary>
        ref double Row(int r);
    }

    /// <summary>Rows at a fixed stride from a first element: flat and 2-D data.</summary>
    internal readonly ref struct Strided : IRows
    {
        private readonly ref double _first;
        private readonly nint _stride;

        public Strided(ref double first, nint stride)
        {
            _first = ref first;
            _stride = stride;
        }

        /// <inheritdoc/>
        public ref double Row(int r) => ref Unsafe.Add(ref _first, r * _stride);
    }

    /// <summary>
    /// Rows of a jagged array from a row and a column, each checked as it is read: there, and long enough for the
    /// columns read (up to the end column); a short or missing row throws an ArgumentException naming it.
    /// (Checking in a pass of its own before the block reads each row's header once more: 1.8 ns a row, measured.)
    /// </summary>
    internal readonly ref struct Jagged : IRows
    {
        // The array and three ints (four fields), the struct small enough for the JIT to keep its fields in registers.
        private readonly double[][] _rows;
        private readonly int _first, _column, _end;

        public Jagged(double[][] rows, int first, int column, int end) => (_rows, _first, _column, _end) = (rows, first, column, end);

        /// <inheritdoc/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ref double Row(int r)
        {
            var data = _rows[_first + r];
            // The throw is in the loop's own code, not a call that may return: the JIT then keeps the kernels' vector
            // accumulators in registers across it (a call clobbers them; the scatter over jagged rows took 1.4x as long).
            if (data is null || data.Length < _end) throw Short(data, _first + r, _column, _end);
            return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(data), _column);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static ArgumentException Short(double[]? data, int row, int column, int end) => (data is null
            ? new ArgumentException($"Row {row} of the jagged data is null.", "x")
            : new ArgumentException($"Row {row} of the jagged data has {data.Length} entries; the model reads {end} (columns {column} to {end - 1}). Every row must be as long.", "x"));
    }

    /// <summary>
    /// z[r] = Σⱼ w[j]·row r[j] for r &lt; rows: eight rows at a time where AVX-512 is there and a row holds at
    /// least eight columns (<see cref="EightDots"/>), the remaining rows one at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Dot<TRows>(TRows x, ref double w, int width, ref double z, int rows) where TRows : IRows, allows ref struct
    {
        var r = 0;
        if (Avx512F.IsSupported && width >= 8)
        {
            // The last eight columns, with the ones the full vectors already read masked out: a row of 10 is read as
            // columns 0–7 and 2–9, the second with its first six lanes cleared.
            var (full, tail) = (width & ~7, width & 7);
            var mask = Vector512.GreaterThanOrEqual(Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7), Vector512.Create((long)(8 - tail))).AsDouble();
            var lastWeights = tail == 0 ? Vector512<double>.Zero : Vector512.LoadUnsafe(ref w, (nuint)(width - 8)) & mask;
            for (; r + 8 <= rows; r += 8)
                EightDots(ref x.Row(r), ref x.Row(r + 1), ref x.Row(r + 2), ref x.Row(r + 3), ref x.Row(r + 4), ref x.Row(r + 5), ref x.Row(r + 6), ref x.Row(r + 7),
                    ref w, full, tail == 0 ? -1 : width - 8, lastWeights, mask).StoreUnsafe(ref z, (nuint)r);
        }
        for (; r < rows; r++) Unsafe.Add(ref z, r) = Dot(ref w, ref x.Row(r), width);
    }

    /// <summary>
    /// The dot products of eight rows with the weights as one vector: each row's products summed in a
    /// <see cref="Vector512"/> (full vectors of eight columns, then the last eight columns masked), then the eight
    /// vectors reduced together — pairs of lanes, 128-bit lanes, halves — rather than each summed on its own.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> EightDots(ref double x0, ref double x1, ref double x2, ref double x3, ref double x4, ref double x5, ref double x6, ref double x7,
        ref double w, int full, int last, Vector512<double> lastWeights, Vector512<double> mask)
    {
        Vector512<double> p0 = default, p1 = default, p2 = default, p3 = default, p4 = default, p5 = default, p6 = default, p7 = default;
        for (nuint j = 0; j < (nuint)full; j += 8)
        {
            var v = Vector512.LoadUnsafe(ref w, j);
            p0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x0, j), v, p0);
            p1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x1, j), v, p1);
            p2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x2, j), v, p2);
            p3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x3, j), v, p3);
            p4 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x4, j), v, p4);
            p5 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x5, j), v, p5);
            p6 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x6, j), v, p6);
            p7 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x7, j), v, p7);
        }
        if (last >= 0)
        {
            // Masking the data too keeps an infinity in a column already summed from meeting a zero weight (∞·0 is NaN).
            var j = (nuint)last;
            p0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x0, j) & mask, lastWeights, p0);
            p1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x1, j) & mask, lastWeights, p1);
            p2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x2, j) & mask, lastWeights, p2);
            p3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x3, j) & mask, lastWeights, p3);
            p4 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x4, j) & mask, lastWeights, p4);
            p5 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x5, j) & mask, lastWeights, p5);
            p6 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x6, j) & mask, lastWeights, p6);
            p7 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x7, j) & mask, lastWeights, p7);
        }
        // Pairs: lane pair k of q01 holds (p0's, p1's) sums of that pair of lanes.
        var q01 = Avx512F.UnpackLow(p0, p1) + Avx512F.UnpackHigh(p0, p1);
        var q23 = Avx512F.UnpackLow(p2, p3) + Avx512F.UnpackHigh(p2, p3);
        var q45 = Avx512F.UnpackLow(p4, p5) + Avx512F.UnpackHigh(p4, p5);
        var q67 = Avx512F.UnpackLow(p6, p7) + Avx512F.UnpackHigh(p6, p7);
        // 128-bit lanes: [q01 lanes 0+1, q01 lanes 2+3, q23 lanes 0+1, q23 lanes 2+3].
        var s0123 = Avx512F.Shuffle4x128(q01, q23, 0b10_00_10_00) + Avx512F.Shuffle4x128(q01, q23, 0b11_01_11_01);
        var s4567 = Avx512F.Shuffle4x128(q45, q67, 0b10_00_10_00) + Avx512F.Shuffle4x128(q45, q67, 0b11_01_11_01);
        // Halves: lane k is row k's sum.
        return Avx512F.Shuffle4x128(s0123, s4567, 0b10_00_10_00) + Avx512F.Shuffle4x128(s0123, s4567, 0b11_01_11_01);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Dot(ref double a, ref double b, int n)
    {
        nint j = 0;
        var s = 0.0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<double>.Count)
        {
            var acc = Vector512<double>.Zero;
            for (; j <= n - Vector512<double>.Count; j += Vector512<double>.Count)
                acc = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a, (nuint)j), Vector512.LoadUnsafe(ref b, (nuint)j), acc);
            s = Vector512.Sum(acc);
        }
        if (Vector256.IsHardwareAccelerated && n - j >= Vector256<double>.Count)
        {
            var acc = Vector256<double>.Zero;
            for (; j <= n - Vector256<double>.Count; j += Vector256<double>.Count)
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)j), Vector256.LoadUnsafe(ref b, (nuint)j), acc);
            s += Vector256.Sum(acc);
        }
        if (Vector128.IsHardwareAccelerated && n - j >= Vector128<double>.Count)
        {
            var acc = Vector128<double>.Zero;
            for (; j <= n - Vector128<double>.Count; j += Vector128<double>.Count)
                acc = Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref a, (nuint)j), Vector128.LoadUnsafe(ref b, (nuint)j), acc);
            s += Vector128.Sum(acc);
        }
        for (; j < n; j++) s += Unsafe.Add(ref a, j) * Unsafe.Add(ref b, j);
        return s;
    }

    /// <summary>
    /// g[j] += Σᵣ row r[j]·c[r] for j &lt; width, each entry's terms added in row order as products rounded
    /// before the addition (not fused): the same bits as the scalar loop <c>g[j] += X[r, j]·c[r]</c> row by row.
    /// The columns go in groups of up to 32, each group's entries held in registers (up to four
    /// <see cref="Vector512"/>s, then a <see cref="Vector256"/>, a <see cref="Vector128"/> and a scalar for the
    /// rest) while the rows stream past: a row of up to 32 columns is read once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled<TRows>(TRows x, ref double c, int rows, ref double g, int width) where TRows : IRows, allows ref struct
    {
        if (!Vector512.IsHardwareAccelerated || !Vector256.IsHardwareAccelerated || !Vector128.IsHardwareAccelerated)
        {
            for (var r = 0; r < rows; r++)
            {
                ref var row = ref x.Row(r);
                var s = Unsafe.Add(ref c, r);
                for (var j = 0; j < width; j++) Unsafe.Add(ref g, j) += Unsafe.Add(ref row, j) * s;
            }
            return;
        }
        for (var group = 0; group < width; group += 32)
        {
            var columns = Math.Min(32, width - group);
            var (wide, rest) = (columns >> 3, columns & 7);
            ref var gj = ref Unsafe.Add(ref g, group);
            var (a0, a1, a2, a3) = (Vector512<double>.Zero, Vector512<double>.Zero, Vector512<double>.Zero, Vector512<double>.Zero);
            if (wide > 0) a0 = Vector512.LoadUnsafe(ref gj);
            if (wide > 1) a1 = Vector512.LoadUnsafe(ref gj, 8);
            if (wide > 2) a2 = Vector512.LoadUnsafe(ref gj, 16);
            if (wide > 3) a3 = Vector512.LoadUnsafe(ref gj, 24);
            var tail = (nuint)(wide * 8);
            var four = (rest & 4) != 0 ? Vector256.LoadUnsafe(ref gj, tail) : Vector256<double>.Zero;
            var two = (rest & 2) != 0 ? Vector128.LoadUnsafe(ref gj, tail + (nuint)(rest & 4)) : Vector128<double>.Zero;
            var one = (rest & 1) != 0 ? Unsafe.Add(ref gj, (nint)tail + (rest & 6)) : 0.0;
            for (var r = 0; r < rows; r++)
            {
                ref var xj = ref Unsafe.Add(ref x.Row(r), group);
                var s = Unsafe.Add(ref c, r);
                var v = Vector512.Create(s);
                if (wide > 0) a0 += Vector512.LoadUnsafe(ref xj) * v;
                if (wide > 1) a1 += Vector512.LoadUnsafe(ref xj, 8) * v;
                if (wide > 2) a2 += Vector512.LoadUnsafe(ref xj, 16) * v;
                if (wide > 3) a3 += Vector512.LoadUnsafe(ref xj, 24) * v;
                if ((rest & 4) != 0) four += Vector256.LoadUnsafe(ref xj, tail) * Vector256.Create(s);
                if ((rest & 2) != 0) two += Vector128.LoadUnsafe(ref xj, tail + (nuint)(rest & 4)) * Vector128.Create(s);
                if ((rest & 1) != 0) one += Unsafe.Add(ref xj, (nint)tail + (rest & 6)) * s;
            }
            if (wide > 0) a0.StoreUnsafe(ref gj);
            if (wide > 1) a1.StoreUnsafe(ref gj, 8);
            if (wide > 2) a2.StoreUnsafe(ref gj, 16);
            if (wide > 3) a3.StoreUnsafe(ref gj, 24);
            if ((rest & 4) != 0) four.StoreUnsafe(ref gj, tail);
            if ((rest & 2) != 0) two.StoreUnsafe(ref gj, tail + (nuint)(rest & 4));
            if ((rest & 1) != 0) Unsafe.Add(ref gj, (nint)tail + (rest & 6)) = one;
        }
    }
}
