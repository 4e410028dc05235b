using System.Numerics.Tensors;

namespace Symbolic.Tests.Precision;

/// <summary>The <see cref="Tensor{T}"/> float overloads of <see cref="Linalg"/>: against double loops over the same floats, and their rank and null checks.</summary>
public class SingleLinalgTensorTests
{
    private const double Epsilon = 1.0 / (1 << 24);

    private static float[,] Matrix(int rows, int columns, float phase)
    {
        var m = new float[rows, columns];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++) m[i, j] = MathF.Sin(phase + 0.41f * (i * columns + j));
        return m;
    }

    private static Tensor<float> Of(float[,] m) => Tensor.Create(m.Cast<float>().ToArray(), [m.GetLength(0), m.GetLength(1)]);

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(4, 7, 3)]
    [InlineData(19, 33, 9)]
    public void Float_tensor_products_agree_with_double_loops_within_float_roundings(int m, int k, int n)
    {
        var (a, b) = (Matrix(m, k, 0.2f), Matrix(k, n, 1.7f));
        float[] x = [.. Enumerable.Range(0, k).Select(i => MathF.Cos(0.3f + 0.7f * i))];
        float[] y = [.. Enumerable.Range(0, m).Select(i => MathF.Cos(1.1f + 0.2f * i))];
        var (product, matVec, outer, transpose) = (Linalg.MatMul(Of(a), Of(b)), Linalg.MatVec(Of(a), Tensor.Create(x)), Linalg.Outer(Tensor.Create(y), Tensor.Create(x)), Linalg.Transpose(Of(a)));
        // A sum of k float products: within k + 1 roundings of Σ|terms|.
        void Near(Func<int, double> term, float actual)
        {
            var (exact, magnitude) = (Enumerable.Range(0, k).Sum(term), Enumerable.Range(0, k).Sum(p => Math.Abs(term(p))));
            Assert.InRange(actual, exact - (k + 1) * Epsilon * magnitude, exact + (k + 1) * Epsilon * magnitude);
        }
        Assert.Equal([m, n], product.Lengths.ToArray());
        Assert.Equal([k, m], transpose.Lengths.ToArray());
        Assert.Equal([m, k], outer.Lengths.ToArray());
        for (var i = 0; i < m; i++)
        {
            Near(p => (double)a[i, p] * x[p], matVec[i]);
            for (var j = 0; j < n; j++) Near(p => (double)a[i, p] * b[p, j], product[i, j]);
            for (var j = 0; j < k; j++) { Assert.Equal(y[i] * x[j], outer[i, j]); Assert.Equal(a[i, j], transpose[j, i]); }
        }
        Near(p => (double)x[p] * x[p], Linalg.Dot(Tensor.Create(x), Tensor.Create(x)));
    }

    [Fact]
    public void Float_tensors_of_the_wrong_rank_or_null_are_refused_naming_the_parameter()
    {
        var (vector, matrix) = (Tensor.Create(new float[] { 1, 2, 3 }), Of(new float[3, 3]));
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => Linalg.MatMul(vector, matrix)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => Linalg.MatMul(matrix, vector)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Linalg.MatVec(matrix, matrix)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Linalg.Dot(vector, matrix)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Linalg.Outer(matrix, vector)).ParamName);
        Assert.Contains("rank-2", Assert.Throws<ArgumentException>(() => Linalg.Transpose(vector)).Message);
        Assert.Equal("a", Assert.Throws<ArgumentNullException>(() => Linalg.Transpose((Tensor<float>)null!)).ParamName);
        Assert.Contains("Linalg.MatMul: the inner dimensions differ (3 and 2)", Assert.Throws<ArgumentException>(() => Linalg.MatMul(matrix, Of(new float[2, 2]))).Message);
    }
}
