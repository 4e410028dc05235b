using System.Numerics.Tensors;
using Symbolic.Kernels;

namespace Symbolic;

/// <summary>
/// Dense linear algebra over <c>double[,]</c> (row-major matrices) and <c>double[]</c>: products on Symbolic's
/// matrix kernels when called directly, and differentiable inside a model — a model may write
/// <c>Linalg.MatVec(X, w)[i]</c> or <c>Linalg.Dot(Linalg.MatVec(A, x), y)</c>, and Symbolic reads each call
/// as the sums it stands for, whose matrix products it then runs on the same kernels.
/// </summary>
/// <remarks>
/// <para><see cref="Matrix(double[], int, int, int)"/> views a slice of a parameter vector as a matrix, so a
/// layer's weights can take part in a product and be differentiated: <c>Linalg.MatMul(X, Linalg.Matrix(p, 0, 64, 32))</c>.</para>
/// <para>.NET 10's <see cref="Tensor{T}"/> (System.Numerics.Tensors 10, no longer experimental) is accepted by the
/// overloads that take it, for data already held that way; inside models, use arrays: a tensor's indexer takes
/// spans, which expression trees cannot hold.</para>
/// </remarks>
public static partial class Linalg
{
    /// <summary>The matrix product A·B (m×k times k×n).</summary>
    /// <exception cref="ArgumentException">The inner dimensions differ.</exception>
    public static double[,] MatMul(double[,] a, double[,] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (m, k, n) = (a.GetLength(0), Inner(a.GetLength(1), b.GetLength(0), nameof(MatMul)), b.GetLength(1));
        var product = new double[m * n];
        MatrixKernel.Multiply(m, n, k, Flat(a), 0, k, 1, Flat(b), 0, n, 1, product, 0, n, 1, accumulate: false);
        return Shaped(product, m, n);
    }

    /// <summary>The matrix–vector product A·x.</summary>
    /// <exception cref="ArgumentException">A's column count differs from x's length.</exception>
    public static double[] MatVec(double[,] a, double[] x)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(x);
        var (m, k) = (a.GetLength(0), Inner(a.GetLength(1), x.Length, nameof(MatVec)));
        var flat = Flat(a);
        var result = new double[m];
        for (var i = 0; i < m; i++) result[i] = TensorPrimitives.Dot(new ReadOnlySpan<double>(flat, i * k, k), x);
        return result;
    }

    /// <summary>The dot product Σ xᵢ·yᵢ.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double Dot(double[] x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Inner(x.Length, y.Length, nameof(Dot));
        return TensorPrimitives.Dot(x, y);
    }

    /// <summary>The outer product x·yᵀ: entry (i, j) is xᵢ·yⱼ.</summary>
    public static double[,] Outer(double[] x, double[] y)
        => OuterOf(x, y);

    /// <summary>The transpose Aᵀ.</summary>
    public static double[,] Transpose(double[,] a)
        => TransposeOf(a);

    /// <summary>
    /// values[offset .. offset + rows·columns) as a rows × columns row-major matrix (a copy when called; inside a
    /// model, a view whose entries are the parameters themselves).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The slice does not fit in <paramref name="values"/>.</exception>
    public static double[,] Matrix(double[] values, int offset, int rows, int columns)
        => MatrixOf(values, offset, rows, columns);

    /// <summary>The matrix product of two rank-2 tensors.</summary>
    public static Tensor<double> MatMul(Tensor<double> a, Tensor<double> b) => FromMatrix(MatMul(ToMatrix(a, nameof(a)), ToMatrix(b, nameof(b))));

    /// <summary>The product of a rank-2 tensor and a rank-1 tensor.</summary>
    public static Tensor<double> MatVec(Tensor<double> a, Tensor<double> x) => Tensor.Create(MatVec(ToMatrix(a, nameof(a)), ToVector(x, nameof(x))));

    /// <summary>The dot product of two rank-1 tensors.</summary>
    public static double Dot(Tensor<double> x, Tensor<double> y) => Dot(ToVector(x, nameof(x)), ToVector(y, nameof(y)));

    /// <summary>The outer product of two rank-1 tensors, a rank-2 tensor.</summary>
    public static Tensor<double> Outer(Tensor<double> x, Tensor<double> y) => FromMatrix(Outer(ToVector(x, nameof(x)), ToVector(y, nameof(y))));

    /// <summary>The transpose of a rank-2 tensor.</summary>
    public static Tensor<double> Transpose(Tensor<double> a) => FromMatrix(Transpose(ToMatrix(a, nameof(a))));

    /// <summary>The common inner dimension, or an <see cref="ArgumentException"/> naming the operation and both sizes.</summary>
    internal static int Inner(int left, int right, string operation) =>
        left == right ? left : throw new ArgumentException($"Linalg.{operation}: the inner dimensions differ ({left} and {right}).");

    // Written once over the element type: the float tensor overloads (Linalg.Single.cs) share them.
    private static T[,] ToMatrix<T>(Tensor<T> tensor, string name) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(tensor, name);
        if (tensor.Rank != 2) throw new ArgumentException($"A matrix must be a rank-2 tensor; this one has rank {tensor.Rank}.", name);
        var flat = new T[tensor.FlattenedLength];
        tensor.FlattenTo(flat);
        return Shaped(flat, (int)tensor.Lengths[0], (int)tensor.Lengths[1]);
    }

    private static T[] ToVector<T>(Tensor<T> tensor, string name)
    {
        ArgumentNullException.ThrowIfNull(tensor, name);
        if (tensor.Rank != 1) throw new ArgumentException($"A vector must be a rank-1 tensor; this one has rank {tensor.Rank}.", name);
        var flat = new T[tensor.FlattenedLength];
        tensor.FlattenTo(flat);
        return flat;
    }

    private static Tensor<T> FromMatrix<T>(T[,] matrix) where T : unmanaged => Tensor.Create(Flat(matrix), [matrix.GetLength(0), matrix.GetLength(1)]);
}
