using System.Linq.Expressions;

namespace Symbolic.Tests.Batch;

/// <summary>
/// Recognition and block-rows together: a per-row dot product over flat data rows (<c>X[i * d + j]</c>, d a
/// constant) that feeds an exp-like tail (or a conditional: Huber) stays the row loop's dot product, so the blocked loop reads each row
/// once (no matrix–vector kernel, no second pass for Xᵀ·c); without such a tail the product is still recognised.
/// A wide row's dot product is one vectorised <c>RowMaps.Dot</c> call, its scatter g[j] += X[i, j]·c one <c>RowMaps.AddScaled</c>.
/// </summary>
public class RowTailRecognitionTests
{
    private const int D = 10;
    private const int Wide = 100;

    private static readonly Expression<Func<double[], double[], double[], double>> Logistic = (w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
        Math.Log(1 + Math.Exp(Enumerable.Range(0, D).Sum(j => w[j] * X[i * D + j]) + w[D])) - y[i] * (Enumerable.Range(0, D).Sum(j => w[j] * X[i * D + j]) + w[D]));

    private static readonly Expression<Func<double[], double[], double[], double>> WideLogistic = (w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
        Math.Log(1 + Math.Exp(Enumerable.Range(0, Wide).Sum(j => w[j] * X[i * Wide + j]) + w[Wide])) - y[i] * (Enumerable.Range(0, Wide).Sum(j => w[j] * X[i * Wide + j]) + w[Wide]));

    private static readonly Expression<Func<double[], double[], double[], double>> Huber = (w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
        Math.Abs(Enumerable.Range(0, D).Sum(j => w[j] * X[i * D + j]) + w[D] - y[i]) <= 1
            ? 0.5 * (Enumerable.Range(0, D).Sum(j => w[j] * X[i * D + j]) + w[D] - y[i]) * (Enumerable.Range(0, D).Sum(j => w[j] * X[i * D + j]) + w[D] - y[i])
            : Math.Abs(Enumerable.Range(0, D).Sum(j => w[j] * X[i * D + j]) + w[D] - y[i]) - 0.5);

    private static readonly Expression<Func<double[], double[], double[], double>> LeastSquares = (w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
        (Enumerable.Range(0, D).Sum(j => w[j] * X[i * D + j]) - y[i]) * (Enumerable.Range(0, D).Sum(j => w[j] * X[i * D + j]) - y[i]));

    [Fact]
    public void A_flat_logistic_loss_with_a_constant_stride_is_one_blocked_pass_over_the_rows()
    {
        var source = Logistic.ToCSharpGradient();

        Assert.DoesNotContain("DenseRuntime.Multiply", source);
        Assert.Contains("RowMaps.Unary(2, block", source);
        Assert.Contains("iBlock", source);
        Assert.DoesNotContain("iBlock_2", source);
    }

    [Fact]
    public void A_flat_least_squares_loss_without_an_exp_like_tail_is_still_a_recognised_product()
    {
        Assert.Contains("DenseRuntime.Multiply", LeastSquares.ToCSharpGradient());
    }

    [Fact]
    public void A_wide_row_dot_product_and_its_scatter_are_one_vectorised_call_each_per_block()
    {
        var source = WideLogistic.ToCSharpGradient();

        // The row's dot product and scatter (RowMaps.Dot and AddScaled, one call per row) run once per block of rows.
        Assert.Contains("global::Symbolic.Runtime.RowBlocks.Dot(X, ((iBlock * 100) + 0), 100, 100, w, 0, block, ", source);
        Assert.Contains("global::Symbolic.Runtime.RowBlocks.AddScaled(X, (iBlock * 100), 100, 100, block, ", source);
        Assert.DoesNotContain("RowMaps.Dot(", source);
        Assert.DoesNotContain("RowMaps.AddScaled(", source);
        Assert.DoesNotContain("RowMaps.Sum(", source);
        Assert.DoesNotContain("gradient[j] +=", source);
    }

    [Fact]
    public void A_flat_huber_loss_is_one_pass_over_the_rows_and_matches_its_closed_form()
    {
        Assert.DoesNotContain("DenseRuntime.Multiply", Huber.ToCSharpGradient());

        var random = new Random(11);
        const int rows = 500;
        var X = Enumerable.Range(0, rows * D).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var y = Enumerable.Range(0, rows).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        var w = Enumerable.Range(0, D + 1).Select(_ => random.NextDouble() - 0.5).ToArray();
        var gradient = new double[D + 1];

        var value = Huber.CompileGradient()(w, X, y, gradient);

        // Closed form: h(r) = r²/2 for |r| ≤ 1, |r| − ½ beyond; ∂h/∂r = clamp(r, −1, 1).
        var (expectedValue, expected) = (0.0, new double[D + 1]);
        for (var i = 0; i < rows; i++)
        {
            var r = w[D] - y[i];
            for (var j = 0; j < D; j++) r += w[j] * X[i * D + j];
            expectedValue += Math.Abs(r) <= 1 ? r * r / 2 : Math.Abs(r) - 0.5;
            var slope = Math.Clamp(r, -1, 1);
            for (var j = 0; j < D; j++) expected[j] += slope * X[i * D + j];
            expected[D] += slope;
        }
        Assert.Equal(expectedValue, value, 1e-10);
        for (var j = 0; j <= D; j++) Assert.Equal(expected[j], gradient[j], 1e-10);
    }

    [Fact]
    public void A_narrow_row_scatter_is_one_call_per_block_not_a_loop_per_row()
    {
        var source = Logistic.ToCSharpGradient();

        Assert.Contains("global::Symbolic.Runtime.RowBlocks.AddScaled(X, (iBlock * 10), 10, 10, block, ", source);
        Assert.DoesNotContain("gradient[j] +=", source);
    }

    [Theory]
    [InlineData(D, 0)]
    [InlineData(D, 1)]
    [InlineData(D, 63)]
    [InlineData(D, 64)]
    [InlineData(D, 65)]
    [InlineData(D, 1_000)]
    [InlineData(Wide, 1)]
    [InlineData(Wide, 65)]
    [InlineData(Wide, 300)]
    public void The_blocked_flat_logistic_gradient_matches_its_closed_form(int d, int rows)
    {
        var random = new Random(rows + 7);
        var X = Enumerable.Range(0, rows * d).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var y = Enumerable.Range(0, rows).Select(_ => (double)random.Next(2)).ToArray();
        var w = Enumerable.Range(0, d + 1).Select(_ => (random.NextDouble() - 0.5) * 10 / d).ToArray();
        var gradient = new double[d + 1];

        var value = (d == D ? Logistic : WideLogistic).CompileGradient()(w, X, y, gradient);

        // Closed form: f = Σ log(1 + e^z) − y·z, ∂f/∂w[j] = Σ (σ(z) − y)·X[i, j], ∂f/∂w[d] = Σ σ(z) − y.
        var (expectedValue, expected) = (0.0, new double[d + 1]);
        for (var i = 0; i < rows; i++)
        {
            var z = w[d];
            for (var j = 0; j < d; j++) z += w[j] * X[i * d + j];
            expectedValue += Math.Log(1 + Math.Exp(z)) - y[i] * z;
            var residual = 1 / (1 + Math.Exp(-z)) - y[i];
            for (var j = 0; j < d; j++) expected[j] += residual * X[i * d + j];
            expected[d] += residual;
        }
        Assert.Equal(expectedValue, value, 1e-12 * (1 + rows));
        for (var j = 0; j <= d; j++) Assert.Equal(expected[j], gradient[j], 1e-12 * (1 + rows));
    }
}
