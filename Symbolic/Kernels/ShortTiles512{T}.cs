using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static Symbolic.Kernels.VectorArithmetic;

namespace Symbolic.Kernels;

/// <summary>
/// The last, partly filled row panel of <see cref="MicroKernel512{T}"/>'s 12-row tiling, as 8- or 4-row tiles of the
/// same width that read the same 12-row packed A panels: at an MLP's batch of 64 rows the sixth 12-row panel holds
/// only 4, and running the full tile there wasted an eighth of the multiply-adds.
/// </summary>
/// <remarks>
/// Four rows still give 8 independent accumulator chains, as many as two FMA pipes with a 4-cycle latency need.
/// The sums run over the same steps in the same order as in the full tile, so results do not depend on which is used.
/// </remarks>
internal static class ShortTiles512<T> where T : unmanaged, INumberBase<T>
{
    /// <summary>The 12-row stride of the packed A panels.</summary>
    private const int PanelRows = 12;

    private static int Lanes => Vector512<T>.Count;

    /// <summary>
    /// Like <see cref="MicroKernel512{T}.Run"/> for the first <paramref name="rows"/> (at most 8) rows of the panel:
    /// rounded up to 4 or 8, and the rows beyond <paramref name="rows"/> of C are written too.
    /// </summary>
    public static void Run(int rows, nint depth, ref T a, ref T b, ref T c, nint ldc, bool overwrite)
    {
        if (rows <= 4) Four(depth, ref a, ref b, ref c, ldc, overwrite);
        else Eight(depth, ref a, ref b, ref c, ldc, overwrite);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Eight(nint depth, ref T a, ref T b, ref T c, nint ldc, bool overwrite)
    {
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<T> c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
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
            a = ref Unsafe.Add(ref a, PanelRows);
            b = ref Unsafe.Add(ref b, 2 * Lanes);
        }
        MicroKernel512<T>.Store(ref c, c00, c01, overwrite);
        MicroKernel512<T>.Store(ref Unsafe.Add(ref c, ldc), c10, c11, overwrite);
        MicroKernel512<T>.Store(ref Unsafe.Add(ref c, 2 * ldc), c20, c21, overwrite);
        MicroKernel512<T>.Store(ref Unsafe.Add(ref c, 3 * ldc), c30, c31, overwrite);
        MicroKernel512<T>.Store(ref Unsafe.Add(ref c, 4 * ldc), c40, c41, overwrite);
        MicroKernel512<T>.Store(ref Unsafe.Add(ref c, 5 * ldc), c50, c51, overwrite);
        MicroKernel512<T>.Store(ref Unsafe.Add(ref c, 6 * ldc), c60, c61, overwrite);
        MicroKernel512<T>.Store(ref Unsafe.Add(ref c, 7 * ldc), c70, c71, overwrite);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Four(nint depth, ref T a, ref T b, ref T c, nint ldc, bool overwrite)
    {
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        for (nint p = 0; p < depth; p++)
        {
            var b0 = Vector512.LoadUnsafe(ref b);
            var b1 = Vector512.LoadUnsafe(ref b, (nuint)Lanes);
            var x = Vector512.Create(a); c00 = FusedMultiplyAdd(x, b0, c00); c01 = FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(Unsafe.Add(ref a, 1)); c10 = FusedMultiplyAdd(x, b0, c10); c11 = FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(Unsafe.Add(ref a, 2)); c20 = FusedMultiplyAdd(x, b0, c20); c21 = FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(Unsafe.Add(ref a, 3)); c30 = FusedMultiplyAdd(x, b0, c30); c31 = FusedMultiplyAdd(x, b1, c31);
            a = ref Unsafe.Add(ref a, PanelRows);
            b = ref Unsafe.Add(ref b, 2 * Lanes);
        }
        MicroKernel512<T>.Store(ref c, c00, c01, overwrite);
        MicroKernel512<T>.Store(ref Unsafe.Add(ref c, ldc), c10, c11, overwrite);
        MicroKernel512<T>.Store(ref Unsafe.Add(ref c, 2 * ldc), c20, c21, overwrite);
        MicroKernel512<T>.Store(ref Unsafe.Add(ref c, 3 * ldc), c30, c31, overwrite);
    }
}
