using System.Numerics.Tensors;
using Symbolic.Kernels;

namespace Symbolic;

/// <summary>
/// The float overloads of <see cref="Linalg"/>: the same operations over <c>float[,]</c> and <c>float[]</c>, on the
/// float kernels when called directly, and read inside a float model as the sums they stand for (so its products
/// run on the float kernels). Arrays pick the overload, so no call that compiled before changes meaning.
/// </summary>
public static partial class Linalg
{
    /// <summary>The matrix product A·B (m×k times k×n) in float.</summary>
    /// <exception cref="ArgumentException">The inner dimensions differ.</exception>
    public static float[,] MatMul(float[,] a, float[,] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (m, k, n) = (a.GetLength(0), Inner(a.GetLength(1), b.GetLength(0), nameof(MatMul)), b.GetLength(1));
        var product = new float[m * n];
        MatrixKernel.Multiply(m, n, k, Flat(a), 0, k, 1, Flat(b), 0, n, 1, product, 0, n, 1, accumulate: false);
        return Shaped(product, m, n);
    }

    /// <summary>The matrix–vector product A·x in float.</summary>
    /// <exception cref="ArgumentException">A's column count differs from x's length.</exception>
    public static float[] MatVec(float[,] a, float[] x)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(x);
        var (m, k) = (a.GetLength(0), Inner(a.GetLength(1), x.Length, nameof(MatVec)));
        var flat = Flat(a);
        var result = new float[m];
        for (var i = 0; i < m; i++) result[i] = TensorPrimitives.Dot(new ReadOnlySpan<float>(flat, i * k, k), x);
        return result;
    }

    /// <summary>The dot product Σ xᵢ·yᵢ in float.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static float Dot(float[] x, float[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Inner(x.Length, y.Length, nameof(Dot));
        return TensorPrimitives.Dot(x, y);
    }

    /// <summary>The outer product x·yᵀ in float: entry (i, j) is xᵢ·yⱼ.</summary>
    public static float[,] Outer(float[] x, float[] y)
        => OuterOf(x, y);

    /// <summary>The transpose Aᵀ of a float matrix.</summary>
    public static float[,] Transpose(float[,] a)
        => TransposeOf(a);

    /// <summary>
    /// values[offset .. offset + rows·columns) as a rows × columns row-major float matrix (a copy when called;
    /// inside a float model, a view whose entries are the parameters themselves).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The slice does not fit in <paramref name="values"/>.</exception>
    public static float[,] Matrix(float[] values, int offset, int rows, int columns)
        => MatrixOf(values, offset, rows, columns);

    /// <summary>The matrix product of two rank-2 float tensors, on the float kernels.</summary>
    /// <exception cref="ArgumentException">A tensor is not of rank 2, or the inner dimensions differ.</exception>
    public static Tensor<float> MatMul(Tensor<float> a, Tensor<float> b) => FromMatrix(MatMul(ToMatrix(a, nameof(a)), ToMatrix(b, nameof(b))));

    /// <summary>The product of a rank-2 and a rank-1 float tensor.</summary>
    /// <exception cref="ArgumentException">The ranks are not 2 and 1, or A's column count differs from x's length.</exception>
    public static Tensor<float> MatVec(Tensor<float> a, Tensor<float> x) => Tensor.Create(MatVec(ToMatrix(a, nameof(a)), ToVector(x, nameof(x))));

    /// <summary>The dot product of two rank-1 float tensors.</summary>
    /// <exception cref="ArgumentException">A tensor is not of rank 1, or the lengths differ.</exception>
    public static float Dot(Tensor<float> x, Tensor<float> y) => Dot(ToVector(x, nameof(x)), ToVector(y, nameof(y)));

    /// <summary>The outer product of two rank-1 float tensors, a rank-2 tensor.</summary>
    /// <exception cref="ArgumentException">A tensor is not of rank 1.</exception>
    public static Tensor<float> Outer(Tensor<float> x, Tensor<float> y) => FromMatrix(Outer(ToVector(x, nameof(x)), ToVector(y, nameof(y))));

    /// <summary>The transpose of a rank-2 float tensor.</summary>
    /// <exception cref="ArgumentException">The tensor is not of rank 2.</exception>
    public static Tensor<float> Transpose(Tensor<float> a) => FromMatrix(Transpose(ToMatrix(a, nameof(a))));
}
