using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static Symbolic.Kernels.VectorArithmetic;

namespace Symbolic.Kernels;

/// <summary>
/// A 12-row tile two <see cref="Vector512{T}"/> wide (12×16 doubles, 12×32 floats) in 24 accumulators (of AVX-512's
/// 32 registers): per step of the inner dimension two loads of B and twelve broadcasts of A feed 24 fused
/// multiply-adds, enough independent chains to keep both FMA pipes busy and few enough loads for the load ports.
/// </summary>
/// <remarks>One body for doubles and floats: the JIT compiles a copy per element type, in which the lane count is a constant.</remarks>
internal readonly struct MicroKernel512<T> : IMicroKernel<T> where T : unmanaged, INumberBase<T>
{
    private static int Lanes => Vector512<T>.Count;

    /// <inheritdoc/>
    public static int Rows => 12;

    /// <inheritdoc/>
    public static int Columns => 2 * Lanes;

    // The B panel, 192 steps of 128 bytes = 24 KB, stays in half of Zen 5's 48 KB L1 while A panels stream past it.
    /// <inheritdoc/>
    public static int Depth => 192;

    // The A block, 192 steps × 1.5 KB (192 doubles or 384 floats a step) = 288 KB, stays in L2.
    /// <inheritdoc/>
    public static int RowBlock => 24 * Lanes;

    /// <inheritdoc/>
    public static bool HasShortTiles => true;

    /// <inheritdoc/>
    public static void RunShort(int rows, nint depth, ref T a, ref T b, ref T c, nint ldc, bool overwrite) =>
        ShortTiles512<T>.Run(rows, depth, ref a, ref b, ref c, ldc, overwrite);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(nint depth, ref T a, ref T b, ref T c, nint ldc, bool overwrite)
    {
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<T> c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default, c90 = default, c91 = default, c100 = default, c101 = default, c110 = default, c111 = default;
        for (nint p = 0; p < depth; p++)
        {
            var b0 = Vector512.LoadUnsafe(ref b);
            var b1 = Vector512.LoadUnsafe(ref b, (nuint)Lanes);
            var x = Vector512.Create(a); c00 = FusedMultiplyAdd(x, b0, c00); c01 = FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(Unsafe.Add(ref a, 1)); c10 = FusedMultiplyAdd(x, b0, c10); c11 = FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(Unsafe.Add(ref a, 2)); c20 = FusedMultiplyAdd(x, b0, c20); c21 = FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(Unsafe.Add(ref a, 3)); c30 = FusedMultiplyAdd(x, b0, c30); c31 = FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(Unsafe.Add(ref a, 4)); c40 = FusedMultiplyAdd(x, b0, c40); c41 = FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(Unsafe.Add(ref a, 5)); c50 = FusedMultiplyAdd(x, b0, c50); c51 = FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(Unsafe.Add(ref a, 6)); c60 = FusedMultiplyAdd(x, b0, c60); c61 = FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(Unsafe.Add(ref a, 7)); c70 = FusedMultiplyAdd(x, b0, c70); c71 = FusedMultiplyAdd(x, b1, c71);
            x = Vector512.Create(Unsafe.Add(ref a, 8)); c80 = FusedMultiplyAdd(x, b0, c80); c81 = FusedMultiplyAdd(x, b1, c81);
            x = Vector512.Create(Unsafe.Add(ref a, 9)); c90 = FusedMultiplyAdd(x, b0, c90); c91 = FusedMultiplyAdd(x, b1, c91);
            x = Vector512.Create(Unsafe.Add(ref a, 10)); c100 = FusedMultiplyAdd(x, b0, c100); c101 = FusedMultiplyAdd(x, b1, c101);
            x = Vector512.Create(Unsafe.Add(ref a, 11)); c110 = FusedMultiplyAdd(x, b0, c110); c111 = FusedMultiplyAdd(x, b1, c111);
            a = ref Unsafe.Add(ref a, 12);
            b = ref Unsafe.Add(ref b, 2 * Lanes);
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

    /// <summary>One row of C, two vectors wide: = the tile's row (<paramref name="overwrite"/>) or += it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Store(ref T row, Vector512<T> left, Vector512<T> right, bool overwrite)
    {
        if (!overwrite)
        {
            left += Vector512.LoadUnsafe(ref row);
            right += Vector512.LoadUnsafe(ref row, (nuint)Lanes);
        }
        left.StoreUnsafe(ref row);
        right.StoreUnsafe(ref row, (nuint)Lanes);
    }
}
