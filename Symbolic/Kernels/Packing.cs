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
    public static void PackB<T>(StridedMatrix<T> b, int p0, int j0, int depth, int width, int panelWidth, T[] packed, int offset) where T : unmanaged
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
    public static void PackA<T>(StridedMatrix<T> a, int i0, int p0, int height, int depth, int panelHeight, T[] packed, int offset) where T : unmanaged
    {
        ref var target = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(packed), offset);
        for (var i = 0; i < height; i += panelHeight, target = ref Unsafe.Add(ref target, panelHeight * depth))
            Gather(a, i0 + i, p0, Math.Min(panelHeight, height - i), depth, panelHeight, ref target);
    }

    /// <summary>target[p·width + j] = source[p·stride + j] for p &lt; depth, j &lt; width (a multiple of a <see cref="Vector256{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyRows<T>(ref T source, nint stride, int depth, int width, ref T target) where T : unmanaged
    {
        var lanes512 = Vector512<T>.Count;
        for (var p = 0; p < depth; p++, source = ref Unsafe.Add(ref source, stride), target = ref Unsafe.Add(ref target, width))
            if (width == 2 * lanes512 && Vector512.IsHardwareAccelerated)
            {
                Vector512.LoadUnsafe(ref source).StoreUnsafe(ref target);
                Vector512.LoadUnsafe(ref source, (nuint)lanes512).StoreUnsafe(ref target, (nuint)lanes512);
            }
            else
                for (nuint j = 0; j < (nuint)width; j += (nuint)Vector256<T>.Count)
                    Vector256.LoadUnsafe(ref source, j).StoreUnsafe(ref target, j);
    }

    /// <summary>target[p·lanes + r] = m[r0 + r, p0 + p] for r &lt; count, zero for count ≤ r &lt; lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gather<T>(StridedMatrix<T> m, int r0, int p0, int count, int depth, int lanes, ref T target) where T : unmanaged
    {
        if (m.Row == 1)
        {
            // The lanes of a step are adjacent in the source (a transposed operand): copy step by step.
            for (var p = 0; p < depth; p++)
                CopyLanes(ref m.At(r0, p0 + p), count, lanes, ref Unsafe.Add(ref target, p * lanes));
            return;
        }
        var r = 0;
        if (m.Column == 1 && typeof(T) == typeof(double))
        {
            // Rows are contiguous along p: transpose 8×8 (then 4×4) blocks in registers, the steps left over one by one.
            if (Avx512F.IsSupported)
                for (; r + 8 <= count; r += 8)
                {
                    var p = 0;
                    for (; p + 8 <= depth; p += 8)
                        Transposes.Block8x8(ref As<T, double>(ref m.At(r0 + r, p0 + p)), m.Row, ref As<T, double>(ref Unsafe.Add(ref target, p * lanes + r)), lanes);
                    GatherRows(m, r0 + r, p0 + p, 8, depth - p, lanes, ref Unsafe.Add(ref target, p * lanes + r));
                }
            if (Avx.IsSupported)
                for (; r + 4 <= count; r += 4)
                {
                    var p = 0;
                    for (; p + 4 <= depth; p += 4)
                        Transposes.Block4x4(ref As<T, double>(ref m.At(r0 + r, p0 + p)), m.Row, ref As<T, double>(ref Unsafe.Add(ref target, p * lanes + r)), lanes);
                    GatherRows(m, r0 + r, p0 + p, 4, depth - p, lanes, ref Unsafe.Add(ref target, p * lanes + r));
                }
        }
        else if (m.Column == 1 && typeof(T) == typeof(float))
        {
            // The same in float: 8×8 blocks in Vector256, then 4×4 in Vector128.
            if (Avx.IsSupported)
                for (; r + 8 <= count; r += 8)
                {
                    var p = 0;
                    for (; p + 8 <= depth; p += 8)
                        SingleTransposes.Block8x8(ref As<T, float>(ref m.At(r0 + r, p0 + p)), m.Row, ref As<T, float>(ref Unsafe.Add(ref target, p * lanes + r)), lanes);
                    GatherRows(m, r0 + r, p0 + p, 8, depth - p, lanes, ref Unsafe.Add(ref target, p * lanes + r));
                }
            if (Sse.IsSupported)
                for (; r + 4 <= count; r += 4)
                {
                    var p = 0;
                    for (; p + 4 <= depth; p += 4)
                        SingleTransposes.Block4x4(ref As<T, float>(ref m.At(r0 + r, p0 + p)), m.Row, ref As<T, float>(ref Unsafe.Add(ref target, p * lanes + r)), lanes);
                    GatherRows(m, r0 + r, p0 + p, 4, depth - p, lanes, ref Unsafe.Add(ref target, p * lanes + r));
                }
        }
        GatherRows(m, r0 + r, p0, count - r, depth, lanes, ref Unsafe.Add(ref target, r));
        for (r = count; r < lanes; r++)
            for (var p = 0; p < depth; p++)
                Unsafe.Add(ref target, p * lanes + r) = default;
    }

    /// <summary>target[p·lanes + r] = m[r0 + r, p0 + p] for r &lt; count, p &lt; depth, element by element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GatherRows<T>(StridedMatrix<T> m, int r0, int p0, int count, int depth, int lanes, ref T target) where T : unmanaged
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
    private static void CopyLanes<T>(ref T source, int count, int lanes, ref T target) where T : unmanaged
    {
        var r = 0;
        for (; r + Vector512<T>.Count <= count; r += Vector512<T>.Count) Vector512.LoadUnsafe(ref source, (nuint)r).StoreUnsafe(ref target, (nuint)r);
        for (; r + Vector256<T>.Count <= count; r += Vector256<T>.Count) Vector256.LoadUnsafe(ref source, (nuint)r).StoreUnsafe(ref target, (nuint)r);
        for (; r < count; r++) Unsafe.Add(ref target, r) = Unsafe.Add(ref source, r);
        for (; r < lanes; r++) Unsafe.Add(ref target, r) = default;
    }

    /// <summary>The same reference read as a <typeparamref name="TTo"/>: only reached where <typeparamref name="T"/> is that type (the JIT drops the other branches).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref TTo As<T, TTo>(ref T value) => ref Unsafe.As<T, TTo>(ref value);
}
