using System.Linq.Expressions;

namespace Symbolic.Tests.Dense;

/// <summary>
/// A sum over a row runs as vectorised calls only where they pay (<c>RowCostRule</c>): a dot product with a
/// short data row stays a scalar loop, a long one and a row of exponentials become row programs. Read from
/// the compiled gradient's expression; the values are checked against the closed-form gradients.
/// </summary>
public class RowCostRuleTests
{
    private const int Short = 10, Long = 1_000;

    private static readonly Expression<Func<double[], double[][], double[], double>> ShortRows = (w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
        Math.Log(1 + Math.Exp(Enumerable.Range(0, Short).Sum(j => w[j] * X[i][j]) + w[Short])) - y[i] * (Enumerable.Range(0, Short).Sum(j => w[j] * X[i][j]) + w[Short]));

    private static readonly Expression<Func<double[], double[][], double[], double>> LongRows = (w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
        Math.Log(1 + Math.Exp(Enumerable.Range(0, Long).Sum(j => w[j] * X[i][j]) + w[Long])) - y[i] * (Enumerable.Range(0, Long).Sum(j => w[j] * X[i][j]) + w[Long]));

    [Fact]
    public void A_dot_product_with_a_ten_wide_jagged_row_stays_a_loop()
    {
        Assert.False(KernelCalls.RowSum(Compiled(ShortRows)));
        AssertLogisticGradient(ShortRows, Short);
    }

    [Fact]
    public void A_dot_product_with_a_thousand_wide_jagged_row_is_vectorised()
    {
        Assert.True(KernelCalls.RowSum(Compiled(LongRows)));
        AssertLogisticGradient(LongRows, Long);
    }

    [Fact]
    public void A_row_of_arithmetic_whose_length_is_read_at_run_time_stays_a_loop()
    {
        Expression<Func<double[], double[][], double>> f = (w, X) => Enumerable.Range(0, X.Length).Sum(i =>
            Math.Pow(Enumerable.Range(0, X[i].Length).Sum(j => w[j] * X[i][j]), 2));
        var data = Rows(7, 40, seed: 3);
        var w = Weights(40);

        Assert.False(KernelCalls.RowSum(f.GradientExpression()));
        var gradient = new double[w.Length];
        f.CompileGradient()(w, data, gradient);
        var expected = new double[w.Length];
        foreach (var row in data)
        {
            var z = row.Select((x, j) => w[j] * x).Sum();
            for (var j = 0; j < row.Length; j++) expected[j] += 2 * z * row[j];
        }
        AssertClose(expected, gradient);
    }

    [Fact]
    public void A_row_of_exponentials_whose_length_is_read_at_run_time_is_vectorised()
    {
        Expression<Func<double[], double[][], double>> f = (w, X) => Enumerable.Range(0, X.Length).Sum(i =>
            Math.Log(Enumerable.Range(0, X[i].Length).Sum(j => Math.Exp(w[j] + X[i][j]))));
        var data = Rows(5, 12, seed: 4);
        var w = Weights(12);

        Assert.True(KernelCalls.RowSum(f.GradientExpression()));
        var gradient = new double[w.Length];
        f.CompileGradient()(w, data, gradient);
        // ∂/∂w[j] log Σⱼ exp(w[j] + x[j]) is the softmax of w + x.
        var expected = new double[w.Length];
        foreach (var row in data)
        {
            var exponentials = row.Select((x, j) => Math.Exp(w[j] + x)).ToArray();
            var total = exponentials.Sum();
            for (var j = 0; j < row.Length; j++) expected[j] += exponentials[j] / total;
        }
        AssertClose(expected, gradient);
    }

    private static Expression Compiled(Expression<Func<double[], double[][], double[], double>> f) =>
        f.GradientExpression();

    /// <summary>The compiled gradient against ∇ = Σᵢ (σ(zᵢ) − yᵢ)·(xᵢ, 1), the closed form of the logistic loss's.</summary>
    private static void AssertLogisticGradient(Expression<Func<double[], double[][], double[], double>> f, int d)
    {
        var X = Rows(30, d, seed: 1);
        var random = new Random(2);
        var y = X.Select(_ => (double)random.Next(2)).ToArray();
        var w = Weights(d + 1);
        var gradient = new double[d + 1];
        f.CompileGradient()(w, X, y, gradient);

        var expected = new double[d + 1];
        for (var i = 0; i < X.Length; i++)
        {
            var z = w[d];
            for (var j = 0; j < d; j++) z += w[j] * X[i][j];
            var residual = 1 / (1 + Math.Exp(-z)) - y[i];
            for (var j = 0; j < d; j++) expected[j] += residual * X[i][j];
            expected[d] += residual;
        }
        AssertClose(expected, gradient);
    }

    private static double[][] Rows(int count, int width, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, width).Select(_ => 2 * random.NextDouble() - 1).ToArray())];
    }

    private static double[] Weights(int count) => [.. Enumerable.Range(0, count).Select(j => 0.05 * Math.Sin(j + 1))];

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = Math.Max(1, expected.Max(Math.Abs));
        for (var j = 0; j < expected.Length; j++) Assert.True(Math.Abs(expected[j] - actual[j]) <= 1e-12 * scale, $"[{j}]: expected {expected[j]:R}, got {actual[j]:R}");
    }
}
