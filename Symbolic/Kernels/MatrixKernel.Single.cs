using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Symbolic.Kernels;

internal static partial class MatrixKernel
{
    /// <summary>
    /// The single-precision product C[i, j] = (accumulate ? C[i, j] : 0) + Σₚ A[i, p]·B[p, j], with the views of
    /// <see cref="Multiply(int, int, int, double[], int, int, int, double[], int, int, int, double[], int, int, int, bool)"/>;
    /// each element is summed in float, in the same order for any number of threads.
    /// </summary>
    public static void Multiply(int m, int n, int k,
        float[] a, int aOffset, int aRow, int aCol,
        float[] b, int bOffset, int bRow, int bCol,
        float[] c, int cOffset, int cRow, int cCol, bool accumulate) =>
        Multiply(m, n, k, a, aOffset, aRow, aCol, b, bOffset, bRow, bCol, c, cOffset, cRow, cCol, accumulate, MatrixKernelOptions.Default);

    /// <summary>The same single-precision product with the number of threads and the kernel given by <paramref name="options"/>.</summary>
    public static void Multiply(int m, int n, int k,
        float[] a, int aOffset, int aRow, int aCol,
        float[] b, int bOffset, int bRow, int bCol,
        float[] c, int cOffset, int cRow, int cCol, bool accumulate, MatrixKernelOptions options)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        Run(m, n, k, new StridedMatrix<float>(a, aOffset, aRow, aCol), new StridedMatrix<float>(b, bOffset, bRow, bCol), new StridedMatrix<float>(c, cOffset, cRow, cCol), accumulate, options);
    }

    /// <summary>Σᵢ a[aOffset + i·aStride]·b[bOffset + i·bStride] for i &lt; n in float; vectorised when both strides are 1.</summary>
    public static float Dot(int n, float[] a, int aOffset, int aStride, float[] b, int bOffset, int bStride)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var (x, y) = (new StridedMatrix<float>(a, aOffset, aStride, 0), new StridedMatrix<float>(b, bOffset, bStride, 0));
        x.CheckBounds(n, 1, nameof(a));
        y.CheckBounds(n, 1, nameof(b));
        if (n == 0) return 0;
        return aStride == 1 && bStride == 1 ? TensorPrimitives.Dot(Row(x, n), Row(y, n)) : DotStrided(n, x, y);
    }

    /// <summary>
    /// The single-precision y[i] = (accumulate ? y[i] : 0) + Σⱼ A[i, j]·x[j], with the views of
    /// <see cref="MultiplyVector(int, int, double[], int, int, int, double[], int, int, double[], int, int, bool)"/>.
    /// </summary>
    public static void MultiplyVector(int m, int n,
        float[] a, int aOffset, int aRow, int aCol,
        float[] x, int xOffset, int xStride,
        float[] y, int yOffset, int yStride, bool accumulate)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var (A, X, Y) = (new StridedMatrix<float>(a, aOffset, aRow, aCol), new StridedMatrix<float>(x, xOffset, xStride, 0), new StridedMatrix<float>(y, yOffset, yStride, 0));
        Y.CheckBounds(m, 1, nameof(y));
        if (m == 0) return;
        if (n > 0)
        {
            A.CheckBounds(m, n, nameof(a));
            X.CheckBounds(n, 1, nameof(x));
        }
        if (aRow == 1 && yStride == 1 && aCol != 1)
        {
            // Columns of A are contiguous: y += x[j]·A[·, j], column by column, vectorised along y.
            var target = Row(Y, m);
            if (!accumulate) target.Clear();
            for (var j = 0; j < n; j++) TensorPrimitives.MultiplyAdd(Row(new StridedMatrix<float>(a, aOffset + j * aCol, 1, 0), m), X.At(j, 0), target, target);
            return;
        }
        for (var i = 0; i < m; i++)
        {
            var row = new StridedMatrix<float>(a, aOffset + i * aRow, aCol, 0);
            var sum = n == 0 ? 0 : aCol == 1 && xStride == 1 ? TensorPrimitives.Dot(Row(row, n), Row(X, n)) : DotStrided(n, row, X);
            Y.At(i, 0) = accumulate ? Y.At(i, 0) + sum : sum;
        }
    }

    private static float DotStrided(int n, StridedMatrix<float> a, StridedMatrix<float> b)
    {
        var sum = 0f;
        for (var i = 0; i < n; i++) sum = MathF.FusedMultiplyAdd(a.At(i, 0), b.At(i, 0), sum);
        return sum;
    }

    /// <summary>The first <paramref name="length"/> elements of a unit-stride view (bounds checked by the caller).</summary>
    private static Span<float> Row(StridedMatrix<float> view, int length) => MemoryMarshal.CreateSpan(ref view.At(0, 0), length);
}
