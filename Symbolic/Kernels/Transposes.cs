using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Symbolic.Kernels;

/// <summary>
/// Square blocks of doubles transposed in registers, for packing an operand whose contiguous dimension is the
/// inner one (A row-major, or B stored as Bᵀ): read row by row, the panels want it step by step. Element by
/// element, that transpose cost as much as the multiply-adds at an MLP's shapes.
/// </summary>
internal static class Transposes
{
    private static readonly Vector512<long> LowPairs = Vector512.Create(0L, 1, 8, 9, 4, 5, 12, 13);
    private static readonly Vector512<long> HighPairs = Vector512.Create(2L, 3, 10, 11, 6, 7, 14, 15);
    private static readonly Vector512<long> LowHalves = Vector512.Create(0L, 1, 2, 3, 8, 9, 10, 11);
    private static readonly Vector512<long> HighHalves = Vector512.Create(4L, 5, 6, 7, 12, 13, 14, 15);

    /// <summary>
    /// target[q·targetStride + r] = source[r·sourceStride + q] for r, q &lt; 8: three rounds of two-source permutes
    /// (pairs of elements, pairs of pairs, halves), 24 shuffles for 64 elements.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block8x8(ref double source, nint sourceStride, ref double target, nint targetStride)
    {
        var r0 = Vector512.LoadUnsafe(ref source);
        var r1 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, sourceStride));
        var r2 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 2 * sourceStride));
        var r3 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 3 * sourceStride));
        var r4 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 4 * sourceStride));
        var r5 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 5 * sourceStride));
        var r6 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 6 * sourceStride));
        var r7 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 7 * sourceStride));
        // t0 = [a0 b0 a2 b2 a4 b4 a6 b6], t1 = [a1 b1 a3 b3 ...], and so on for rows c..h.
        Vector512<double> t0 = Avx512F.UnpackLow(r0, r1), t1 = Avx512F.UnpackHigh(r0, r1);
        Vector512<double> t2 = Avx512F.UnpackLow(r2, r3), t3 = Avx512F.UnpackHigh(r2, r3);
        Vector512<double> t4 = Avx512F.UnpackLow(r4, r5), t5 = Avx512F.UnpackHigh(r4, r5);
        Vector512<double> t6 = Avx512F.UnpackLow(r6, r7), t7 = Avx512F.UnpackHigh(r6, r7);
        // u0 = [a0 b0 c0 d0 a4 b4 c4 d4], u1 = [a2 b2 c2 d2 a6 ...], u2 = [a1 ... a5 ...], u3 = [a3 ... a7 ...]; u4..u7 for e..h.
        var u0 = Avx512F.PermuteVar8x64x2(t0, LowPairs, t2);
        var u1 = Avx512F.PermuteVar8x64x2(t0, HighPairs, t2);
        var u2 = Avx512F.PermuteVar8x64x2(t1, LowPairs, t3);
        var u3 = Avx512F.PermuteVar8x64x2(t1, HighPairs, t3);
        var u4 = Avx512F.PermuteVar8x64x2(t4, LowPairs, t6);
        var u5 = Avx512F.PermuteVar8x64x2(t4, HighPairs, t6);
        var u6 = Avx512F.PermuteVar8x64x2(t5, LowPairs, t7);
        var u7 = Avx512F.PermuteVar8x64x2(t5, HighPairs, t7);
        Avx512F.PermuteVar8x64x2(u0, LowHalves, u4).StoreUnsafe(ref target);
        Avx512F.PermuteVar8x64x2(u2, LowHalves, u6).StoreUnsafe(ref Unsafe.Add(ref target, targetStride));
        Avx512F.PermuteVar8x64x2(u1, LowHalves, u5).StoreUnsafe(ref Unsafe.Add(ref target, 2 * targetStride));
        Avx512F.PermuteVar8x64x2(u3, LowHalves, u7).StoreUnsafe(ref Unsafe.Add(ref target, 3 * targetStride));
        Avx512F.PermuteVar8x64x2(u0, HighHalves, u4).StoreUnsafe(ref Unsafe.Add(ref target, 4 * targetStride));
        Avx512F.PermuteVar8x64x2(u2, HighHalves, u6).StoreUnsafe(ref Unsafe.Add(ref target, 5 * targetStride));
        Avx512F.PermuteVar8x64x2(u1, HighHalves, u5).StoreUnsafe(ref Unsafe.Add(ref target, 6 * targetStride));
        Avx512F.PermuteVar8x64x2(u3, HighHalves, u7).StoreUnsafe(ref Unsafe.Add(ref target, 7 * targetStride));
    }

    /// <summary>target[q·targetStride + r] = source[r·sourceStride + q] for r, q &lt; 4, with 256-bit unpacks and lane swaps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block4x4(ref double source, nint sourceStride, ref double target, nint targetStride)
    {
        var r0 = Vector256.LoadUnsafe(ref source);
        var r1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, sourceStride));
        var r2 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 2 * sourceStride));
        var r3 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 3 * sourceStride));
        Vector256<double> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<double> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Avx.Permute2x128(t0, t2, 0x20).StoreUnsafe(ref target);
        Avx.Permute2x128(t1, t3, 0x20).StoreUnsafe(ref Unsafe.Add(ref target, targetStride));
        Avx.Permute2x128(t0, t2, 0x31).StoreUnsafe(ref Unsafe.Add(ref target, 2 * targetStride));
        Avx.Permute2x128(t1, t3, 0x31).StoreUnsafe(ref Unsafe.Add(ref target, 3 * targetStride));
    }
}
