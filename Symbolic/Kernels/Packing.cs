using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Symbolic.Kernels;

/// <summary>
/// Copies blocks of the operands into the contiguous, zero-padded panels the micro-kernels stream through,
/// whatever the operands' strides: this is where a transposed operand stops costing anything.
/// </summary>
/// <remarks>
/// Packing (and the loops around the micro-kernels) run only a few times per product, so tiered compilation
/// would keep them unoptimised through many products: they are compiled fully optimised at once.
/// </remarks>
internal static class Packing
{
    /// <summary>
    /// B[p0 + p, j0 + j] for p &lt; depth, j &lt; width into panels of <paramref name="panelWidth"/> columns:
    /// panel q holds step p's columns at <c>packed[offset + q·panelWidth·depth + p·panelWidth + j]</c>, zero beyond the width.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(StridedMatrix b, int p0, int j0, int depth, int width, int panelWidth, double[] packed, int offset)
    {
        ref var target = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(packed), offset);
        for (var j = 0; j < width; j += panelWidth, target = ref Unsafe.Add(ref target, panelWidth * depth))
        {
            var columns = Math.Min(panelWidth, width - j);
            if (b.Column == 1 && columns == panelWidth)
                CopyRows(ref b.At(p0, j0 + j), b.Row, depth, panelWidth, ref target);
            else
                Gather(b.Transposed, j0 + j, p0, columns, depth, panelWidth, ref target);
        }
    }

    /// <summary>
    /// A[i0 + i, p0 + p] for i &lt; height, p &lt; depth into panels of <paramref name="panelHeight"/> rows:
    /// panel q holds step p's rows at <c>packed[offset + q·panelHeight·depth + p·panelHeight + i]</c>, zero beyond the height.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(StridedMatrix a, int i0, int p0, int height, int depth, int panelHeight, double[] packed, int offset)
    {
        ref var target = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(packed), offset);
        for (var i = 0; i < height; i += panelHeight, target = ref Unsafe.Add(ref target, panelHeight * depth))
            Gather(a, i0 + i, p0, Math.Min(panelHeight, height - i), depth, panelHeight, ref target);
    }

    /// <summary>target[p·width + j] = source[p·stride + j] for p &lt; depth, j &lt; width (a multiple of 4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyRows(ref double source, nint stride, int depth, int width, ref double target)
    {
        for (var p = 0; p < depth; p++, source = ref Unsafe.Add(ref source, stride), target = ref Unsafe.Add(ref target, width))
            if (width == 16 && Vector512.IsHardwareAccelerated)
            {
                Vector512.LoadUnsafe(ref source).StoreUnsafe(ref target);
                Vector512.LoadUnsafe(ref source, 8).StoreUnsafe(ref target, 8);
            }
            else
                for (nuint j = 0; j < (nuint)width; j += 4)
                    Vector256.LoadUnsafe(ref source, j).StoreUnsafe(ref target, j);
    }

    /// <summary>target[p·lanes + r] = m[r0 + r, p0 + p] for r &lt; count, zero for count ≤ r &lt; lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gather(StridedMatrix m, int r0, int p0, int count, int depth, int lanes, ref double target)
    {
        if (m.Row == 1)
        {
            // The lanes of a step are adjacent in the source (a transposed operand): copy step by step.
            for (var p = 0; p < depth; p++)
                CopyLanes(ref m.At(r0, p0 + p), count, lanes, ref Unsafe.Add(ref target, p * lanes));
            return;
        }
        var r = 0;
        if (m.Column == 1)
        {
            // Rows are contiguous along p: transpose 8×8 (then 4×4) blocks in registers, the steps left over one by one.
            if (Avx512F.IsSupported)
                for (; r + 8 <= count; r += 8)
                {
                    var p = 0;
                    for (; p + 8 <= depth; p += 8)
                        Transposes.Block8x8(ref m.At(r0 + r, p0 + p), m.Row, ref Unsafe.Add(ref target, p * lanes + r), lanes);
                    GatherRows(m, r0 + r, p0 + p, 8, depth - p, lanes, ref Unsafe.Add(ref target, p * lanes + r));
                }
            if (Avx.IsSupported)
                for (; r + 4 <= count; r += 4)
                {
                    var p = 0;
                    for (; p + 4 <= depth; p += 4)
                        Transposes.Block4x4(ref m.At(r0 + r, p0 + p), m.Row, ref Unsafe.Add(ref target, p * lanes + r), lanes);
                    GatherRows(m, r0 + r, p0 + p, 4, depth - p, lanes, ref Unsafe.Add(ref target, p * lanes + r));
                }
        }
        GatherRows(m, r0 + r, p0, count - r, depth, lanes, ref Unsafe.Add(ref target, r));
        for (r = count; r < lanes; r++)
            for (var p = 0; p < depth; p++)
                Unsafe.Add(ref target, p * lanes + r) = 0;
    }

    /// <summary>target[p·lanes + r] = m[r0 + r, p0 + p] for r &lt; count, p &lt; depth, element by element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GatherRows(StridedMatrix m, int r0, int p0, int count, int depth, int lanes, ref double target)
    {
        // Walk each source row along p (sequential when the column stride is 1), writing one lane of every step.
        for (var r = 0; r < count; r++)
        {
            ref var source = ref m.At(r0 + r, p0);
            nint step = m.Column;
            ref var lane = ref Unsafe.Add(ref target, r);
            for (var p = 0; p < depth; p++)
                Unsafe.Add(ref lane, p * lanes) = Unsafe.Add(ref source, p * step);
        }
    }

    /// <summary>target[r] = source[r] for r &lt; count, zero for count ≤ r &lt; lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyLanes(ref double source, int count, int lanes, ref double target)
    {
        var r = 0;
        for (; r + 8 <= count; r += 8) Vector512.LoadUnsafe(ref source, (nuint)r).StoreUnsafe(ref target, (nuint)r);
        for (; r + 4 <= count; r += 4) Vector256.LoadUnsafe(ref source, (nuint)r).StoreUnsafe(ref target, (nuint)r);
        for (; r < count; r++) Unsafe.Add(ref target, r) = Unsafe.Add(ref source, r);
        for (; r < lanes; r++) Unsafe.Add(ref target, r) = 0;
    }
}
