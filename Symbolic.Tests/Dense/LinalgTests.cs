using System.Linq.Expressions;
using System.Numerics.Tensors;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Dense;

/// <summary>
/// <see cref="Linalg"/>: called directly, against naive loops; inside models, differentiated — the gradient
/// against finite differences of the model compiled by .NET (which runs the direct implementations), and
/// the products on the kernel.
/// </summary>
public class LinalgTests
{
    private static readonly Random Random = new(11);

    private static double[,] RandomMatrix(int rows, int columns)
    {
        var m = new double[rows, columns];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++) m[i, j] = Random.NextDouble() * 2 - 1;
        return m;
    }

    private static double[] RandomVector(int n) => [.. Enumerable.Range(0, n).Select(_ => Random.NextDouble() * 2 - 1)];

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 2)]
    [InlineData(17, 9, 33)]
    [InlineData(0, 4, 3)]
    [InlineData(4, 0, 3)]
    public void Direct_calls_agree_with_naive_loops(int m, int k, int n)
    {
        var (a, b, x, y) = (RandomMatrix(m, k), RandomMatrix(k, n), RandomVector(k), RandomVector(m));
        var product = Linalg.MatMul(a, b);
        var matVec = Linalg.MatVec(a, x);
        var outer = Linalg.Outer(y, x);
        var transpose = Linalg.Transpose(a);
        for (var i = 0; i < m; i++)
        {
            Assert.Equal(Enumerable.Range(0, k).Sum(p => a[i, p] * x[p]), matVec[i], 12);
            for (var j = 0; j < n; j++) Assert.Equal(Enumerable.Range(0, k).Sum(p => a[i, p] * b[p, j]), product[i, j], 12);
            for (var j = 0; j < k; j++) { Assert.Equal(y[i] * x[j], outer[i, j]); Assert.Equal(a[i, j], transpose[j, i]); }
        }
        Assert.Equal((m, n), (product.GetLength(0), product.GetLength(1)));
        Assert.Equal(Enumerable.Range(0, k).Sum(p => x[p] * x[p]), Linalg.Dot(x, x), 12);
    }

    [Fact]
    public void Matrix_views_a_slice_row_major_and_checks_that_it_fits()
    {
        double[] values = [9, 1, 2, 3, 4, 5, 6];
        var matrix = Linalg.Matrix(values, 1, 2, 3);
        Assert.Equal(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }, matrix);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Linalg.Matrix(values, 2, 2, 3));
        Assert.Contains("needs 8 values; there are 7", error.Message);
    }

    [Fact]
    public void Mismatched_shapes_are_argument_errors_naming_the_operation_and_sizes()
    {
        Assert.Contains("Linalg.MatMul: the inner dimensions differ (3 and 2)", Assert.Throws<ArgumentException>(() => Linalg.MatMul(new double[2, 3], new double[2, 2])).Message);
        Assert.Contains("Linalg.MatVec", Assert.Throws<ArgumentException>(() => Linalg.MatVec(new double[2, 3], new double[2])).Message);
        Assert.Contains("Linalg.Dot", Assert.Throws<ArgumentException>(() => Linalg.Dot(new double[2], new double[3])).Message);
        Assert.Throws<ArgumentNullException>(() => Linalg.Transpose((double[,])null!));
    }

    [Fact]
    public void Tensor_overloads_agree_with_the_array_ones_and_check_ranks()
    {
        var (a, b, x) = (RandomMatrix(3, 4), RandomMatrix(4, 2), RandomVector(4));
        static Tensor<double> Of(double[,] m) => Tensor.Create(m.Cast<double>().ToArray(), [m.GetLength(0), m.GetLength(1)]);
        var product = Linalg.MatMul(Of(a), Of(b));
        var expected = Linalg.MatMul(a, b);
        Assert.Equal([3, 2], product.Lengths.ToArray());
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 2; j++) Assert.Equal(expected[i, j], product[i, j]);
        Assert.Equal(Linalg.MatVec(a, x), Linalg.MatVec(Of(a), Tensor.Create(x)).ToArray());
        Assert.Equal(Linalg.Dot(x, x), Linalg.Dot(Tensor.Create(x), Tensor.Create(x)));
        Assert.Equal(Linalg.Transpose(a)[2, 1], Linalg.Transpose(Of(a))[2, 1]);
        Assert.Equal(Linalg.Outer(x, x)[1, 3], Linalg.Outer(Tensor.Create(x), Tensor.Create(x))[1, 3]);
        Assert.Contains("rank-2", Assert.Throws<ArgumentException>(() => Linalg.MatMul(Tensor.Create(x), Of(b))).Message);
    }

    public static TheoryData<string> Models => [.. LinalgModels.Keys];

    private static readonly double[,] X = RandomMatrix(6, 4);
    private static readonly double[,] Wide = RandomMatrix(6, 12);

    /// <summary>Models over w (12 parameters) and a data matrix (6×4 or 6×12), written with Linalg.</summary>
    private static readonly Dictionary<string, (Expression<Func<double[], double[,], double>> Model, double[,] Data)> LinalgModels = new()
    {
        ["a sequence over MatVec"] = ((w, x) => Linalg.MatVec(x, w).Sum(z => Math.Tanh(z) * z), Wide),
        ["Dot of a product with itself"] = ((w, x) => Linalg.Dot(Linalg.MatVec(x, w), Linalg.MatVec(x, w)), Wide),
        ["a layer: MatMul with a view of the parameters"] = ((w, x) => Enumerable.Range(0, x.GetLength(0)).Sum(i =>
            Enumerable.Range(0, 3).Sum(j => Math.Tanh(Linalg.MatMul(x, Linalg.Matrix(w, 0, 4, 3))[i, j]))), X),
        ["Outer and Transpose"] = ((w, x) => Enumerable.Range(0, 4).Sum(i => Enumerable.Range(0, 4).Sum(j =>
            Linalg.Outer(w, w)[i, j] * Linalg.Transpose(x)[i, j])), X),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Gradients_through_Linalg_agree_with_finite_differences(string name)
    {
        var (model, data) = LinalgModels[name];
        var w = RandomVector(12);
        var reference = model.Compile();
        var gradient = new double[w.Length];
        var value = model.CompileGradient()(w, data, gradient);
        Assert.Equal(reference(w, data), value, 10);
        for (var i = 0; i < w.Length; i++)
        {
            var estimate = FiniteDifference.Partial(v => reference(v, data), w, i);
            Assert.True(Math.Abs(estimate.Derivative - gradient[i]) <= 1e-6 * (1 + Math.Abs(estimate.Derivative)), $"{name}: ∂/∂w[{i}] {gradient[i]:R} vs {estimate.Derivative:R}");
        }
    }

    [Fact]
    public void A_layer_written_with_MatMul_runs_on_the_kernel()
    {
        var (model, _) = LinalgModels["a layer: MatMul with a view of the parameters"];
        Assert.True(KernelCalls.In(Symbolic.Pipeline.GradientOutputs.CompileableGradient<Func<double[], double[,], double[], double>>(Calculus.DefaultContext, model)));
    }

    [Fact]
    public void Least_squares_with_MatVec_has_the_closed_form_gradient()
    {
        Expression<Func<double[], double[,], double>> model = (w, x) => Enumerable.Range(0, x.GetLength(0)).Sum(i => Math.Pow(Linalg.MatVec(x, w)[i] - i, 2));
        var w = RandomVector(4);
        var gradient = new double[4];
        model.CompileGradient()(w, X, gradient);
        var residual = Linalg.MatVec(X, w).Select((z, i) => z - i).ToArray();
        var expected = Linalg.MatVec(Linalg.Transpose(X), residual).Select(g => 2 * g).ToArray();   // ∇ = 2Xᵀ(Xw − y)
        for (var j = 0; j < 4; j++) Assert.Equal(expected[j], gradient[j], 10);
    }

    [Fact]
    public void A_mismatched_product_inside_a_model_throws_the_same_argument_error()
    {
        Expression<Func<double[], double[,], double>> model = (w, x) => Linalg.Dot(Linalg.MatVec(x, w), w);
        var error = Assert.Throws<ArgumentException>(() => model.CompileGradient()(new double[4], X, new double[4]));
        Assert.Contains("Linalg.Dot", error.Message);
        Assert.Throws<ArgumentException>(() => model.Compile()(new double[4], X));
    }
}
