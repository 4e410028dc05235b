using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static Symbolic.Kernels.VectorArithmetic;

namespace Symbolic.Kernels;

/// <summary>
/// A 4-row tile two <see cref="Vector256{T}"/> wide (4×8 doubles, 4×16 floats) in eight accumulators: fits the 16
/// registers of AVX2. One body for doubles and floats, as <see cref="MicroKernel512{T}"/>.
/// </summary>
internal readonly struct MicroKernel256<T> : IMicroKernel<T> where T : unmanaged, INumberBase<T>
{
    private static int Lanes => Vector256<T>.Count;

    /// <inheritdoc/>
    public static int Rows => 4;

    /// <inheritdoc/>
    public static int Columns => 2 * Lanes;

    /// <inheritdoc/>
    public static int Depth => 256;

    /// <inheritdoc/>
    public static int RowBlock => 96;

    /// <inheritdoc/>
    public static bool HasShortTiles => false;

    /// <inheritdoc/>
    public static void RunShort(int rows, nint depth, ref T a, ref T b, ref T c, nint ldc, bool overwrite) =>
        throw new NotSupportedException($"The 4×{Columns} tile has no short tiles.");

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(nint depth, ref T a, ref T b, ref T c, nint ldc, bool overwrite)
    {
        Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        for (nint p = 0; p < depth; p++)
        {
            var b0 = Vector256.LoadUnsafe(ref b);
            var b1 = Vector256.LoadUnsafe(ref b, (nuint)Lanes);
            var x = Vector256.Create(a);
            c00 = FusedMultiplyAdd(x, b0, c00); c01 = FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref a, 1));
            c10 = FusedMultiplyAdd(x, b0, c10); c11 = FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref a, 2));
            c20 = FusedMultiplyAdd(x, b0, c20); c21 = FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref a, 3));
            c30 = FusedMultiplyAdd(x, b0, c30); c31 = FusedMultiplyAdd(x, b1, c31);
            a = ref Unsafe.Add(ref a, 4);
            b = ref Unsafe.Add(ref b, 2 * Lanes);
        }
        Store(ref c, c00, c01, overwrite);
        Store(ref Unsafe.Add(ref c, ldc), c10, c11, overwrite);
        Store(ref Unsafe.Add(ref c, 2 * ldc), c20, c21, overwrite);
        Store(ref Unsafe.Add(ref c, 3 * ldc), c30, c31, overwrite);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref T row, Vector256<T> left, Vector256<T> right, bool overwrite)
    {
        if (!overwrite)
        {
            left += Vector256.LoadUnsafe(ref row);
            right += Vector256.LoadUnsafe(ref row, (nuint)Lanes);
        }
        left.StoreUnsafe(ref row);
        right.StoreUnsafe(ref row, (nuint)Lanes);
    }
}
