using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Symbolic.Kernels;

/// <summary>A 4×8 tile in eight <see cref="Vector256{T}"/> accumulators: fits the 16 registers of AVX2.</summary>
internal readonly struct MicroKernel256 : IMicroKernel<double>
{
    /// <inheritdoc/>
    public static int Rows => 4;

    /// <inheritdoc/>
    public static int Columns => 8;

    /// <inheritdoc/>
    public static int Depth => 256;

    /// <inheritdoc/>
    public static int RowBlock => 96;

    /// <inheritdoc/>
    public static bool HasShortTiles => false;

    /// <inheritdoc/>
    public static void RunShort(int rows, nint depth, ref double a, ref double b, ref double c, nint ldc, bool overwrite) =>
        throw new NotSupportedException("The 4×8 tile has no short tiles.");

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(nint depth, ref double a, ref double b, ref double c, nint ldc, bool overwrite)
    {
        Vector256<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        for (nint p = 0; p < depth; p++)
        {
            var b0 = Vector256.LoadUnsafe(ref b);
            var b1 = Vector256.LoadUnsafe(ref b, 4);
            var x = Vector256.Create(a);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00); c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref a, 1));
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10); c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref a, 2));
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20); c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref a, 3));
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30); c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            a = ref Unsafe.Add(ref a, 4);
            b = ref Unsafe.Add(ref b, 8);
        }
        Store(ref c, c00, c01, overwrite);
        Store(ref Unsafe.Add(ref c, ldc), c10, c11, overwrite);
        Store(ref Unsafe.Add(ref c, 2 * ldc), c20, c21, overwrite);
        Store(ref Unsafe.Add(ref c, 3 * ldc), c30, c31, overwrite);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref double row, Vector256<double> left, Vector256<double> right, bool overwrite)
    {
        if (!overwrite)
        {
            left += Vector256.LoadUnsafe(ref row);
            right += Vector256.LoadUnsafe(ref row, 4);
        }
        left.StoreUnsafe(ref row);
        right.StoreUnsafe(ref row, 4);
    }
}
