using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Symbolic.Bench.Batch;

/// <summary>
/// The kernels of the hand-written blocked forms: per block, the rows' dot products eight rows at a time
/// (<see cref="Dots"/>) and the scatter g += Xᵀ·c with g held in registers across the block's rows
/// (<see cref="AddScaledRows"/>); and the per-row kernels: a row's dot product with the weights and the
/// scatter g += c·row, with <see cref="Vector512{T}"/> (eight doubles) where the hardware has it, then
/// <see cref="Vector256{T}"/>, then scalars for the tail: short rows (d = 10) too, where a
/// <c>TensorPrimitives</c> call's fixed cost would be a large part of the work.
/// </summary>
public static class RowKernels
{
    /// <summary>Σⱼ w[j]·x[j] over x's length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ReadOnlySpan<double> w, ReadOnlySpan<double> x)
    {
        ref var a = ref MemoryMarshal.GetReference(w);
        ref var b = ref MemoryMarshal.GetReference(x);
        var n = x.Length;
        if (w.Length < n) throw new ArgumentException("w is shorter than the row.", nameof(w));
        var j = 0;
        var s = 0.0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<double>.Count)
        {
            var acc = Vector512<double>.Zero;
            for (; j <= n - Vector512<double>.Count; j += Vector512<double>.Count)
                acc = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a, (nuint)j), Vector512.LoadUnsafe(ref b, (nuint)j), acc);
            s = Vector512.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count)
        {
            var acc = Vector256<double>.Zero;
            for (; j <= n - Vector256<double>.Count; j += Vector256<double>.Count)
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)j), Vector256.LoadUnsafe(ref b, (nuint)j), acc);
            s = Vector256.Sum(acc);
        }
        for (; j < n; j++) s += Unsafe.Add(ref a, j) * Unsafe.Add(ref b, j);
        return s;
    }

    /// <summary>g[j] += c·x[j] over x's length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(ReadOnlySpan<double> x, double c, Span<double> g)
    {
        ref var a = ref MemoryMarshal.GetReference(x);
        ref var t = ref MemoryMarshal.GetReference(g);
        var n = x.Length;
        if (g.Length < n) throw new ArgumentException("g is shorter than the row.", nameof(g));
        var j = 0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<double>.Count)
        {
            var scale = Vector512.Create(c);
            for (; j <= n - Vector512<double>.Count; j += Vector512<double>.Count)
                Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a, (nuint)j), scale, Vector512.LoadUnsafe(ref t, (nuint)j)).StoreUnsafe(ref t, (nuint)j);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count)
        {
            var scale = Vector256.Create(c);
            for (; j <= n - Vector256<double>.Count; j += Vector256<double>.Count)
                Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)j), scale, Vector256.LoadUnsafe(ref t, (nuint)j)).StoreUnsafe(ref t, (nuint)j);
        }
        for (; j < n; j++) Unsafe.Add(ref t, j) += c * Unsafe.Add(ref a, j);
    }

    /// <summary>
    /// z[r] = Σⱼ w[j]·row(start + r)[j] for r &lt; z.Length: with AVX-512 and rows of at least 8, eight rows at a
    /// time — each row's products in one vector (full vectors, then the last 8 columns masked), the eight vectors
    /// reduced together by unpacks and 128-bit shuffles instead of one horizontal sum per row.
    /// </summary>
    public static void Dots<TRows>(TRows rows, int start, ReadOnlySpan<double> w, Span<double> z) where TRows : struct, IRows
    {
        var n = z.Length;
        var r = 0;
        var d = rows.Row(start).Length;
        if (Avx512F.IsSupported && d >= 8 && w.Length >= d)
        {
            ref var wr = ref MemoryMarshal.GetReference(w);
            var (full, tail) = (d & ~7, d & 7);
            var mask = Vector512.GreaterThanOrEqual(Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7), Vector512.Create((long)(8 - tail))).AsDouble();
            var lastWeights = Vector512.LoadUnsafe(ref wr, (nuint)(d - 8)) & mask;
            for (; r + 8 <= n; r += 8)
            {
                Vector512<double> p0 = default, p1 = default, p2 = default, p3 = default, p4 = default, p5 = default, p6 = default, p7 = default;
                ref var x0 = ref Start(rows, start + r, d);
                ref var x1 = ref Start(rows, start + r + 1, d);
                ref var x2 = ref Start(rows, start + r + 2, d);
                ref var x3 = ref Start(rows, start + r + 3, d);
                ref var x4 = ref Start(rows, start + r + 4, d);
                ref var x5 = ref Start(rows, start + r + 5, d);
                ref var x6 = ref Start(rows, start + r + 6, d);
                ref var x7 = ref Start(rows, start + r + 7, d);
                for (nuint j = 0; j < (nuint)full; j += 8)
                {
                    var v = Vector512.LoadUnsafe(ref wr, j);
                    p0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x0, j), v, p0);
                    p1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x1, j), v, p1);
                    p2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x2, j), v, p2);
                    p3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x3, j), v, p3);
                    p4 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x4, j), v, p4);
                    p5 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x5, j), v, p5);
                    p6 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x6, j), v, p6);
                    p7 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x7, j), v, p7);
                }
                if (tail != 0)
                {
                    var j = (nuint)(d - 8);
                    p0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x0, j) & mask, lastWeights, p0);
                    p1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x1, j) & mask, lastWeights, p1);
                    p2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x2, j) & mask, lastWeights, p2);
                    p3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x3, j) & mask, lastWeights, p3);
                    p4 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x4, j) & mask, lastWeights, p4);
                    p5 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x5, j) & mask, lastWeights, p5);
                    p6 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x6, j) & mask, lastWeights, p6);
                    p7 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x7, j) & mask, lastWeights, p7);
                }
                var q01 = Avx512F.UnpackLow(p0, p1) + Avx512F.UnpackHigh(p0, p1);
                var q23 = Avx512F.UnpackLow(p2, p3) + Avx512F.UnpackHigh(p2, p3);
                var q45 = Avx512F.UnpackLow(p4, p5) + Avx512F.UnpackHigh(p4, p5);
                var q67 = Avx512F.UnpackLow(p6, p7) + Avx512F.UnpackHigh(p6, p7);
                var s0123 = Avx512F.Shuffle4x128(q01, q23, 0b10_00_10_00) + Avx512F.Shuffle4x128(q01, q23, 0b11_01_11_01);
                var s4567 = Avx512F.Shuffle4x128(q45, q67, 0b10_00_10_00) + Avx512F.Shuffle4x128(q45, q67, 0b11_01_11_01);
                (Avx512F.Shuffle4x128(s0123, s4567, 0b10_00_10_00) + Avx512F.Shuffle4x128(s0123, s4567, 0b11_01_11_01)).CopyTo(z[r..]);
            }
        }
        for (; r < n; r++) z[r] = Dot(w, rows.Row(start + r));
    }

    /// <summary>
    /// g[j] += Σᵣ c[r]·row(start + r)[j] over the block's rows: the columns in groups of up to 32, each group of g
    /// held in registers (four <see cref="Vector512{T}"/>s, then 4-, 2- and 1-wide accumulators for the rest)
    /// while the rows stream past, so a short row is read once and g is not stored and reloaded row after row.
    /// </summary>
    public static void AddScaledRows<TRows>(TRows rows, int start, ReadOnlySpan<double> c, Span<double> g) where TRows : struct, IRows
    {
        var d = g.Length;
        if (!Vector512.IsHardwareAccelerated)
        {
            for (var r = 0; r < c.Length; r++) AddScaled(rows.Row(start + r), c[r], g);
            return;
        }
        for (var group = 0; group < d; group += 32)
        {
            var columns = Math.Min(32, d - group);
            var (wide, rest) = (columns >> 3, columns & 7);
            var gj = g.Slice(group, columns);
            var (a0, a1, a2, a3) = (Vector512<double>.Zero, Vector512<double>.Zero, Vector512<double>.Zero, Vector512<double>.Zero);
            if (wide > 0) a0 = Vector512.Create<double>(gj);
            if (wide > 1) a1 = Vector512.Create<double>(gj[8..]);
            if (wide > 2) a2 = Vector512.Create<double>(gj[16..]);
            if (wide > 3) a3 = Vector512.Create<double>(gj[24..]);
            var tail = wide * 8;
            var four = (rest & 4) != 0 ? Vector256.Create<double>(gj[tail..]) : Vector256<double>.Zero;
            var two = (rest & 2) != 0 ? Vector128.Create<double>(gj[(tail + (rest & 4))..]) : Vector128<double>.Zero;
            var one = (rest & 1) != 0 ? gj[tail + (rest & 6)] : 0.0;
            for (var r = 0; r < c.Length; r++)
            {
                ref var xj = ref Unsafe.Add(ref Start(rows, start + r, d), group);
                var s = c[r];
                var v = Vector512.Create(s);
                if (wide > 0) a0 += Vector512.LoadUnsafe(ref xj) * v;
                if (wide > 1) a1 += Vector512.LoadUnsafe(ref xj, 8) * v;
                if (wide > 2) a2 += Vector512.LoadUnsafe(ref xj, 16) * v;
                if (wide > 3) a3 += Vector512.LoadUnsafe(ref xj, 24) * v;
                if ((rest & 4) != 0) four += Vector256.LoadUnsafe(ref xj, (nuint)tail) * Vector256.Create(s);
                if ((rest & 2) != 0) two += Vector128.LoadUnsafe(ref xj, (nuint)(tail + (rest & 4))) * Vector128.Create(s);
                if ((rest & 1) != 0) one += Unsafe.Add(ref xj, tail + (rest & 6)) * s;
            }
            if (wide > 0) a0.CopyTo(gj);
            if (wide > 1) a1.CopyTo(gj[8..]);
            if (wide > 2) a2.CopyTo(gj[16..]);
            if (wide > 3) a3.CopyTo(gj[24..]);
            if ((rest & 4) != 0) four.CopyTo(gj[tail..]);
            if ((rest & 2) != 0) two.CopyTo(gj[(tail + (rest & 4))..]);
            if ((rest & 1) != 0) gj[tail + (rest & 6)] = one;
        }
    }

    /// <summary>The first element of row i, which must hold at least d entries.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref double Start<TRows>(TRows rows, int i, int d) where TRows : struct, IRows
    {
        var row = rows.Row(i);
        if (row.Length < d) throw new ArgumentException($"Row {i} is shorter than {d}.", nameof(rows));
        return ref MemoryMarshal.GetReference(row);
    }
}
