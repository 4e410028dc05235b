using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Symbolic.Kernels;

/// <summary>
/// C (+)= A·B for small products of doubles whose C rows are contiguous (a batched fold's step: 16 × 32 states times a 32 × 32
/// Wᵀ, 100 times per call): each row of C is summed in registers, 32 columns at a time, over the rows of B — one broadcast
/// and four fused multiply-adds per element of A, nothing packed when B's rows are contiguous (B with strided rows, such as
/// Wᵀ read in place, is first copied row-major into the workspace). The tiled kernels' packing and tile copies cost more
/// than such a product's arithmetic: measured (Stopwatch, shared machine) 0.44 µs for 16 × 32 × 1 through the narrow
/// kernel with C transposed, most of it per element of C.
/// </summary>
internal static class SmallProduct
{
    /// <summary>The largest m·n·k taken here: a 32 × 32 × 32 product.</summary>
    public const long Limit = 32 * 32 * 32;

    /// <summary>
    /// The longest inner dimension taken here: each accumulator is one chain of k dependent multiply-adds, which the
    /// processor overlaps with the next rows' chains only while a row's work fits its reorder window.
    /// </summary>
    public const int Depth = 32;

    /// <summary>
    /// Whether a product is taken here: doubles, AVX-512, C's rows contiguous, at least one vector of columns, k at most
    /// <see cref="Depth"/>, m·n·k at most <see cref="Limit"/> (a long dot product, or a narrow C, keeps the tiled kernels,
    /// whose independent accumulators hide the multiply-add latency).
    /// </summary>
    public static bool Applies<T>(int m, int n, int k, in StridedMatrix<T> c) where T : unmanaged =>
        typeof(T) == typeof(double) && Vector512.IsHardwareAccelerated && c.Column == 1 && n >= 8 && k <= Depth && (long)m * n * k <= Limit;

    /// <summary>C (+)= A·B (bounds checked by the caller).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int m, int n, int k, StridedMatrix<double> a, StridedMatrix<double> b, StridedMatrix<double> c, bool accumulate)
    {
        if (b.Column != 1)
        {
            var packed = Workspace<double>.Current.PackedB(k * n);
            for (var p = 0; p < k; p++)
                for (var j = 0; j < n; j++) packed[p * n + j] = b.At(p, j);
            b = new StridedMatrix<double>(packed, 0, n, 1);
        }
        for (var i = 0; i < m; i++) Row(n, k, ref a.At(i, 0), a.Column, ref b.At(0, 0), b.Row, ref c.At(i, 0), accumulate);
    }

    /// <summary>c[j] (+)= Σ_p a[p·aColumn]·b[p·bRow + j], j &lt; n: the accumulators stay in registers across p.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Row(int n, int k, ref double a, nint aColumn, ref double b, nint bRow, ref double c, bool accumulate)
    {
        nint j = 0;
        for (; j + 32 <= n; j += 32)
        {
            var (s0, s1, s2, s3) = accumulate
                ? (Vector512.LoadUnsafe(ref c, (nuint)j), Vector512.LoadUnsafe(ref c, (nuint)(j + 8)), Vector512.LoadUnsafe(ref c, (nuint)(j + 16)), Vector512.LoadUnsafe(ref c, (nuint)(j + 24)))
                : (Vector512<double>.Zero, Vector512<double>.Zero, Vector512<double>.Zero, Vector512<double>.Zero);
            ref var column = ref Unsafe.Add(ref b, j);
            for (nint p = 0; p < k; p++)
            {
                var x = Vector512.Create(Unsafe.Add(ref a, p * aColumn));
                ref var bp = ref Unsafe.Add(ref column, p * bRow);
                s0 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref bp), s0);
                s1 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref bp, 8), s1);
                s2 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref bp, 16), s2);
                s3 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref bp, 24), s3);
            }
            s0.StoreUnsafe(ref c, (nuint)j);
            s1.StoreUnsafe(ref c, (nuint)(j + 8));
            s2.StoreUnsafe(ref c, (nuint)(j + 16));
            s3.StoreUnsafe(ref c, (nuint)(j + 24));
        }
        for (; j + 8 <= n; j += 8)
        {
            var sum = accumulate ? Vector512.LoadUnsafe(ref c, (nuint)j) : Vector512<double>.Zero;
            for (nint p = 0; p < k; p++)
                sum = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a, p * aColumn)), Vector512.LoadUnsafe(ref Unsafe.Add(ref b, p * bRow + j)), sum);
            sum.StoreUnsafe(ref c, (nuint)j);
        }
        for (; j < n; j++)
        {
            var sum = accumulate ? Unsafe.Add(ref c, j) : 0.0;
            for (nint p = 0; p < k; p++) sum = Math.FusedMultiplyAdd(Unsafe.Add(ref a, p * aColumn), Unsafe.Add(ref b, p * bRow + j), sum);
            Unsafe.Add(ref c, j) = sum;
        }
    }
}
