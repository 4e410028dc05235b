using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Symbolic.Kernels;

/// <summary>
/// A 12×16 tile in 24 <see cref="Vector512{T}"/> accumulators (of AVX-512's 32 registers): per step of the inner
/// dimension two loads of B and twelve broadcasts of A feed 24 fused multiply-adds, enough independent chains to
/// keep both FMA pipes busy and few enough loads for the load ports.
/// </summary>
internal readonly struct MicroKernel512 : IMicroKernel<double>
{
    /// <inheritdoc/>
    public static int Rows => 12;

    /// <inheritdoc/>
    public static int Columns => 16;

    // The B panel, 16 columns × 192 steps = 24 KB, stays in half of Zen 5's 48 KB L1 while A panels stream past it.
    /// <inheritdoc/>
    public static int Depth => 192;

    // The A block, 192 × 192 = 288 KB, stays in L2.
    /// <inheritdoc/>
    public static int RowBlock => 192;

    /// <inheritdoc/>
    public static bool HasShortTiles => true;

    /// <inheritdoc/>
    public static void RunShort(int rows, nint depth, ref double a, ref double b, ref double c, nint ldc, bool overwrite) =>
        ShortTiles512.Run(rows, depth, ref a, ref b, ref c, ldc, overwrite);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(nint depth, ref double a, ref double b, ref double c, nint ldc, bool overwrite)
    {
        Vector512<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<double> c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default, c90 = default, c91 = default, c100 = default, c101 = default, c110 = default, c111 = default;
        for (nint p = 0; p < depth; p++)
        {
            var b0 = Vector512.LoadUnsafe(ref b);
            var b1 = Vector512.LoadUnsafe(ref b, 8);
            var x = Vector512.Create(a); c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(Unsafe.Add(ref a, 1)); c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(Unsafe.Add(ref a, 2)); c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(Unsafe.Add(ref a, 3)); c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(Unsafe.Add(ref a, 4)); c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(Unsafe.Add(ref a, 5)); c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(Unsafe.Add(ref a, 6)); c60 = Vector512.FusedMultiplyAdd(x, b0, c60); c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(Unsafe.Add(ref a, 7)); c70 = Vector512.FusedMultiplyAdd(x, b0, c70); c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
            x = Vector512.Create(Unsafe.Add(ref a, 8)); c80 = Vector512.FusedMultiplyAdd(x, b0, c80); c81 = Vector512.FusedMultiplyAdd(x, b1, c81);
            x = Vector512.Create(Unsafe.Add(ref a, 9)); c90 = Vector512.FusedMultiplyAdd(x, b0, c90); c91 = Vector512.FusedMultiplyAdd(x, b1, c91);
            x = Vector512.Create(Unsafe.Add(ref a, 10)); c100 = Vector512.FusedMultiplyAdd(x, b0, c100); c101 = Vector512.FusedMultiplyAdd(x, b1, c101);
            x = Vector512.Create(Unsafe.Add(ref a, 11)); c110 = Vector512.FusedMultiplyAdd(x, b0, c110); c111 = Vector512.FusedMultiplyAdd(x, b1, c111);
            a = ref Unsafe.Add(ref a, 12);
            b = ref Unsafe.Add(ref b, 16);
        }
        Store(ref c, c00, c01, overwrite);
        Store(ref Unsafe.Add(ref c, ldc), c10, c11, overwrite);
        Store(ref Unsafe.Add(ref c, 2 * ldc), c20, c21, overwrite);
        Store(ref Unsafe.Add(ref c, 3 * ldc), c30, c31, overwrite);
        Store(ref Unsafe.Add(ref c, 4 * ldc), c40, c41, overwrite);
        Store(ref Unsafe.Add(ref c, 5 * ldc), c50, c51, overwrite);
        Store(ref Unsafe.Add(ref c, 6 * ldc), c60, c61, overwrite);
        Store(ref Unsafe.Add(ref c, 7 * ldc), c70, c71, overwrite);
        Store(ref Unsafe.Add(ref c, 8 * ldc), c80, c81, overwrite);
        Store(ref Unsafe.Add(ref c, 9 * ldc), c90, c91, overwrite);
        Store(ref Unsafe.Add(ref c, 10 * ldc), c100, c101, overwrite);
        Store(ref Unsafe.Add(ref c, 11 * ldc), c110, c111, overwrite);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref double row, Vector512<double> left, Vector512<double> right, bool overwrite)
    {
        if (!overwrite)
        {
            left += Vector512.LoadUnsafe(ref row);
            right += Vector512.LoadUnsafe(ref row, 8);
        }
        left.StoreUnsafe(ref row);
        right.StoreUnsafe(ref row, 8);
    }
}
