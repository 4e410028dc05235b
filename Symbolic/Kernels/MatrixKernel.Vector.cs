using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Symbolic.Kernels;

internal static partial class MatrixKernel
{
    /// <summary>Σᵢ a[aOffset + i·aStride]·b[bOffset + i·bStride] for i &lt; n; vectorised when both strides are 1.</summary>
    public static double Dot(int n, double[] a, int aOffset, int aStride, double[] b, int bOffset, int bStride)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var (x, y) = (new StridedMatrix<double>(a, aOffset, aStride, 0), new StridedMatrix<double>(b, bOffset, bStride, 0));
        x.CheckBounds(n, 1, nameof(a));
        y.CheckBounds(n, 1, nameof(b));
        if (n == 0) return 0;
        return aStride == 1 && bStride == 1 ? DotContiguous(n, ref x.At(0, 0), ref y.At(0, 0)) : DotStrided(n, x, y);
    }

    /// <summary>
    /// y[i] = (accumulate ? y[i] : 0) + Σⱼ A[i, j]·x[j] for i &lt; m, j &lt; n, where A[i, j] = a[aOffset + i·aRow + j·aCol],
    /// x[j] = x[xOffset + j·xStride] and y[i] = y[yOffset + i·yStride]. y must not overlap A or x.
    /// </summary>
    public static void MultiplyVector(int m, int n,
        double[] a, int aOffset, int aRow, int aCol,
        double[] x, int xOffset, int xStride,
        double[] y, int yOffset, int yStride, bool accumulate)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var (A, X, Y) = (new StridedMatrix<double>(a, aOffset, aRow, aCol), new StridedMatrix<double>(x, xOffset, xStride, 0), new StridedMatrix<double>(y, yOffset, yStride, 0));
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
            var target = MemoryMarshal.CreateSpan(ref Y.At(0, 0), m);
            if (!accumulate) target.Clear();
            for (var j = 0; j < n; j++) AddScaled(m, X.At(j, 0), ref A.At(0, j), ref Y.At(0, 0));
            return;
        }
        for (var i = 0; i < m; i++)
        {
            var sum = n == 0 ? 0 : aCol == 1 && xStride == 1 ? DotContiguous(n, ref A.At(i, 0), ref X.At(0, 0)) : DotStrided(n, new StridedMatrix<double>(a, aOffset + i * aRow, aCol, 0), X);
            Y.At(i, 0) = accumulate ? Y.At(i, 0) + sum : sum;
        }
    }

    private static double DotContiguous(int n, ref double a, ref double b)
    {
        var i = 0;
        var sum = 0.0;
        if (Vector512.IsHardwareAccelerated && n >= 32)
        {
            // Four independent chains hide the FMA latency.
            Vector512<double> s0 = default, s1 = default, s2 = default, s3 = default;
            for (; i + 32 <= n; i += 32)
            {
                s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a, (nuint)i), Vector512.LoadUnsafe(ref b, (nuint)i), s0);
                s1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a, (nuint)i + 8), Vector512.LoadUnsafe(ref b, (nuint)i + 8), s1);
                s2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a, (nuint)i + 16), Vector512.LoadUnsafe(ref b, (nuint)i + 16), s2);
                s3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a, (nuint)i + 24), Vector512.LoadUnsafe(ref b, (nuint)i + 24), s3);
            }
            for (; i + 8 <= n; i += 8)
                s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a, (nuint)i), Vector512.LoadUnsafe(ref b, (nuint)i), s0);
            sum = Vector512.Sum((s0 + s1) + (s2 + s3));
        }
        else if (Vector256.IsHardwareAccelerated && n >= 16)
        {
            Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
            for (; i + 16 <= n; i += 16)
            {
                s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)i), Vector256.LoadUnsafe(ref b, (nuint)i), s0);
                s1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)i + 4), Vector256.LoadUnsafe(ref b, (nuint)i + 4), s1);
                s2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)i + 8), Vector256.LoadUnsafe(ref b, (nuint)i + 8), s2);
                s3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)i + 12), Vector256.LoadUnsafe(ref b, (nuint)i + 12), s3);
            }
            for (; i + 4 <= n; i += 4)
                s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)i), Vector256.LoadUnsafe(ref b, (nuint)i), s0);
            sum = Vector256.Sum((s0 + s1) + (s2 + s3));
        }
        for (; i < n; i++) sum = Math.FusedMultiplyAdd(Unsafe.Add(ref a, i), Unsafe.Add(ref b, i), sum);
        return sum;
    }

    private static double DotStrided(int n, StridedMatrix<double> a, StridedMatrix<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < n; i++) sum = Math.FusedMultiplyAdd(a.At(i, 0), b.At(i, 0), sum);
        return sum;
    }

    /// <summary>y[i] += s·x[i] for i &lt; n, both contiguous.</summary>
    private static void AddScaled(int n, double s, ref double x, ref double y)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var scale = Vector256.Create(s);
            for (; i + 4 <= n; i += 4)
                Vector256.FusedMultiplyAdd(scale, Vector256.LoadUnsafe(ref x, (nuint)i), Vector256.LoadUnsafe(ref y, (nuint)i)).StoreUnsafe(ref y, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref y, i) = Math.FusedMultiplyAdd(s, Unsafe.Add(ref x, i), Unsafe.Add(ref y, i));
    }
}
