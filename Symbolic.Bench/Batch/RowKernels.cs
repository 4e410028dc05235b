using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Symbolic.Bench.Batch;

/// <summary>
/// The per-row kernels of the hand-written blocked forms: a row's dot product with the weights and the
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
}
