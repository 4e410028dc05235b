using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Symbolic.Kernels;

/// <summary>
/// <see cref="Transposes"/> for floats: 8×8 blocks in <see cref="Vector256{T}"/> registers and 4×4 in
/// <see cref="Vector128{T}"/>, for packing an operand whose contiguous dimension is the inner one (a row-major A).
/// Element by element, that gather moves one float per load and store.
/// </summary>
internal static class SingleTransposes
{
    /// <summary>
    /// target[q·targetStride + r] = source[r·sourceStride + q] for r, q &lt; 8: unpacks (pairs of rows), shuffles
    /// (quadruples), then swaps of 128-bit halves; 24 shuffles for 64 elements.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block8x8(ref float source, nint sourceStride, ref float target, nint targetStride)
    {
        var r0 = Vector256.LoadUnsafe(ref source);
        var r1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, sourceStride));
        var r2 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 2 * sourceStride));
        var r3 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 3 * sourceStride));
        var r4 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 4 * sourceStride));
        var r5 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 5 * sourceStride));
        var r6 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 6 * sourceStride));
        var r7 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 7 * sourceStride));
        // t0 = [a0 b0 a1 b1 | a4 b4 a5 b5], t1 = [a2 b2 a3 b3 | a6 b6 a7 b7]; t2, t3 for rows c, d, and so on.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        // u0 = [a0 b0 c0 d0 | a4 b4 c4 d4], u1 = [a1 .. d1 | a5 .. d5], u2 = [a2 .. | a6 ..], u3 = [a3 .. | a7 ..]; u4..u7 for e..h.
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref target);
        Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref Unsafe.Add(ref target, targetStride));
        Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref Unsafe.Add(ref target, 2 * targetStride));
        Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref Unsafe.Add(ref target, 3 * targetStride));
        Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref Unsafe.Add(ref target, 4 * targetStride));
        Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref Unsafe.Add(ref target, 5 * targetStride));
        Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref Unsafe.Add(ref target, 6 * targetStride));
        Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref Unsafe.Add(ref target, 7 * targetStride));
    }

    /// <summary>target[q·targetStride + r] = source[r·sourceStride + q] for r, q &lt; 4, with 128-bit unpacks and half moves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block4x4(ref float source, nint sourceStride, ref float target, nint targetStride)
    {
        var r0 = Vector128.LoadUnsafe(ref source);
        var r1 = Vector128.LoadUnsafe(ref Unsafe.Add(ref source, sourceStride));
        var r2 = Vector128.LoadUnsafe(ref Unsafe.Add(ref source, 2 * sourceStride));
        var r3 = Vector128.LoadUnsafe(ref Unsafe.Add(ref source, 3 * sourceStride));
        Vector128<float> t0 = Sse.UnpackLow(r0, r1), t1 = Sse.UnpackHigh(r0, r1);
        Vector128<float> t2 = Sse.UnpackLow(r2, r3), t3 = Sse.UnpackHigh(r2, r3);
        Sse.MoveLowToHigh(t0, t2).StoreUnsafe(ref target);
        Sse.MoveHighToLow(t2, t0).StoreUnsafe(ref Unsafe.Add(ref target, targetStride));
        Sse.MoveLowToHigh(t1, t3).StoreUnsafe(ref Unsafe.Add(ref target, 2 * targetStride));
        Sse.MoveHighToLow(t3, t1).StoreUnsafe(ref Unsafe.Add(ref target, 3 * targetStride));
    }
}
