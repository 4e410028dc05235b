using System.Linq.Expressions;
using Symbolic.Tests.Linq.Support;

namespace Symbolic.Tests.Linq;

/// <summary>Loops stay loops: the size of the gradient code does not depend on how much data there is.</summary>
public class CompiledSizeTests
{
    private static Expression<Func<double[], double>> OverCapturedData(int n)
    {
        var xs = new double[n];
        var ys = new double[n];
        return w => xs.Zip(ys, (x, y) => Math.Pow(w[0] * x + w[1] - y, 2)).Average();
    }

    private static Expression<Func<double[], double>> OverCapturedCount(int n) =>
        w => Enumerable.Range(0, n).Sum(i => Math.Log(1 + Math.Exp(w[0] * i - w[1])));

    // The count written as a literal: the C# compiler makes it a constant in the tree.
    private static Expression<Func<double[], double>> OverConstantCount(int n) => n switch
    {
        10 => w => Enumerable.Range(0, 10).Sum(i => w[i] * w[i + 1]),
        100_000 => w => Enumerable.Range(0, 100_000).Sum(i => w[i] * w[i + 1]),
        _ => throw new ArgumentOutOfRangeException(nameof(n)),
    };

    [Fact]
    public void The_gradient_expression_over_captured_data_has_the_same_size_for_10_and_100000_points()
    {
        var small = OverCapturedData(10).GradientExpression();
        var large = OverCapturedData(100_000).GradientExpression();

        Assert.True(NodeCount.ContainsLoop(large));
        Assert.Equal(NodeCount.Of(small), NodeCount.Of(large));
    }

    [Fact]
    public void The_gradient_expression_over_a_captured_count_has_the_same_size_for_10_and_100000()
    {
        var small = OverCapturedCount(10).GradientExpression();
        var large = OverCapturedCount(100_000).GradientExpression();

        Assert.True(NodeCount.ContainsLoop(large));
        Assert.Equal(NodeCount.Of(small), NodeCount.Of(large));
    }

    [Fact]
    public void The_gradient_expression_over_a_constant_count_has_the_same_size_for_10_and_100000()
    {
        var small = OverConstantCount(10).GradientExpression();
        var large = OverConstantCount(100_000).GradientExpression();

        Assert.True(NodeCount.ContainsLoop(large));
        Assert.Equal(NodeCount.Of(small), NodeCount.Of(large));
        Assert.Equal(NodeCount.Of(OverConstantCount(10).Grad()), NodeCount.Of(OverConstantCount(100_000).Grad()));
    }

    [Fact]
    public void The_gradient_expression_of_a_model_over_a_data_parameter_is_a_loop()
    {
        Expression<Func<double[], double[], double>> f = (w, xs) => xs.Sum(x => Math.Pow(w[0] * x - w[1], 2));

        Assert.True(NodeCount.ContainsLoop(f.GradientExpression()));
        Assert.True(NodeCount.ContainsLoop(f.Grad()));
    }

    [Fact]
    public void The_gradient_of_a_captured_model_computes_correctly_at_100000_points()
    {
        // The same code at both sizes must also be right at the large one.
        var xs = Enumerable.Range(0, 100_000).Select(i => i / 100_000.0).ToArray();
        Expression<Func<double[], double>> f = w => xs.Sum(x => Math.Pow(w[0] * x - w[1], 2));
        var gradient = new double[2];
        double[] w = [2.0, 0.5];

        f.CompileGradient()(w, gradient);

        var residuals = xs.Select(x => w[0] * x - w[1]).ToArray();
        Backpropagation.Close.Vectors([residuals.Zip(xs, (r, x) => 2 * r * x).Sum(), residuals.Sum(r => -2 * r)], gradient, 1e-10, floor: 1);
    }

    [Fact]
    public void A_product_of_a_sum_of_an_invariant_times_the_index_and_a_sum_over_x_differentiates_in_bounded_memory() =>
        MemoryGuard.Run("x => Range(0, 2).Sum(i => x[0] * i) * Range(0, 2).Sum(j => x[j])", () =>
        {
            LinqAssert.MatchesExpansion(
                x => Enumerable.Range(0, 2).Sum(i => x[0] * i) * Enumerable.Range(0, 2).Sum(j => x[j]),
                x => x[0] * (x[0] + x[1]),
                [1.5, -0.5]);
            return 0;
        });

    [Fact]
    public void A_product_of_two_sums_of_invariants_times_the_index_over_different_ranges_differentiates_in_bounded_memory() =>
        MemoryGuard.Run("x => Range(0, 2).Sum(i => x[0] * i) * Range(0, 3).Sum(j => x[1] * j)", () =>
        {
            LinqAssert.MatchesExpansion(
                x => Enumerable.Range(0, 2).Sum(i => x[0] * i) * Enumerable.Range(0, 3).Sum(j => x[1] * j),
                x => x[0] * (x[1] + 2 * x[1]),
                [1.5, -0.5]);
            return 0;
        });
}
