using System.Linq.Expressions;

namespace Symbolic.Tests.Backpropagation;

/// <summary>Conditionals differentiate the branch taken and leak nothing (no NaN) from the branch not taken.</summary>
public class ConditionalGradientTests
{
    private static readonly Expression<Func<double[], double>> GuardedLog = x => x[0] > 0 ? Math.Log(x[0]) * x[1] : x[1] * x[1];

    [Theory]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    public void Grad_of_the_branch_taken_does_not_see_the_NaN_of_the_other_branch(double x0)
    {
        foreach (var gradient in new[] { GuardedLog.Grad().Compile(), GuardedLog.Grad().Compile(preferInterpretation: true) })
            Assert.Equal([0, 2 * 3.0], gradient([x0, 3]));
        var buffer = new double[2];
        GuardedLog.CompileGradient()([x0, 3], buffer);
        Assert.Equal([0, 2 * 3.0], buffer);
    }

    [Fact]
    public void Grad_differentiates_the_branch_taken()
    {
        Assert.Equal([3 / 2.0, Math.Log(2)], GuardedLog.Grad().Compile()([2, 3]));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    public void Hessian_and_Hvp_of_the_branch_taken_do_not_see_the_NaN_of_the_other_branch(double x0)
    {
        Assert.Equal(new double[,] { { 0, 0 }, { 0, 2 } }, GuardedLog.Hessian().Compile()([x0, 3]));
        Assert.Equal([0, 2 * 5.0], GuardedLog.Hvp().Compile()([x0, 3], [4, 5]));
    }

    [Fact]
    public void Hessian_differentiates_the_branch_taken()
    {
        Assert.Equal(new double[,] { { -3 / 4.0, 1 / 2.0 }, { 1 / 2.0, 0 } }, GuardedLog.Hessian().Compile()([2, 3]));
    }

    [Fact]
    public void A_sub_expression_shared_by_branches_with_different_guards_leaks_no_NaN_when_neither_is_taken()
    {
        // log(x0)·x1 is one shared node; its adjoint is (x0 > 0 ? 1 : 0) + (x0 > 1 ? 1 : 0), and its partial
        // for x1, log(x0), is NaN at x0 = -1: the product must not be formed there.
        Expression<Func<double[], double>> f = x => (x[0] > 0 ? Math.Log(x[0]) * x[1] : 0) + (x[0] > 1 ? Math.Log(x[0]) * x[1] : 0);

        Assert.Equal([0, 0.0], f.Grad().Compile()([-1, 3]));
        Assert.Equal(new double[2, 2], f.Hessian().Compile()([-1, 3]));
        Assert.Equal([3 / 2.0 * 2, Math.Log(2) * 2], f.Grad().Compile()([2, 3]));
    }

    // √x shared by two branches of different tests: its adjoint merges under the outer test into
    // x ≠ asinh x ? (x > 0 ? 1 : 0) : (x < −5 ? (x > 0 ? 1 : 0) : 0), no zero branch at the top, yet zero at x < 0
    // where the partial 1/(2√x) is NaN (found by the float batch-gradient property).
    private static readonly Expression<Func<double[], double>> SharedUnderMergedGuards = x =>
        x[0] != Math.Asinh(x[0]) ? (x[0] > 0 ? Math.Sqrt(x[0]) : x[0]) : (x[0] < -5 ? (x[0] > 0 ? Math.Sqrt(x[0]) : -1.175) : x[0]);

    [Theory]
    [InlineData(-1.1164211, 1.0)]
    [InlineData(-7.0, 1.0)]
    [InlineData(4.0, 0.25)]   // d√x/dx = 1/(2√x)
    public void A_node_shared_by_branches_whose_guards_merged_under_one_test_leaks_no_NaN(double x0, double slope)
    {
        var buffer = new double[1];
        SharedUnderMergedGuards.CompileGradient()([x0], buffer);
        Assert.Equal(slope, buffer[0]);
        Assert.Equal(slope, SharedUnderMergedGuards.Grad().Compile()([x0])[0]);
        Assert.Equal(x0 < 0 ? 0 : -1 / (4 * x0 * Math.Sqrt(x0)), SharedUnderMergedGuards.Hessian().Compile()([x0])[0, 0], 15);
    }

    [Fact]
    public void A_node_shared_by_branches_whose_guards_merged_leaks_no_NaN_in_a_blocked_batch_or_in_float()
    {
        // Σᵣ g(w·r) over rows on both sides of 0: blocked (64 rows and more) and in float.
        double[] rows = [.. Enumerable.Range(0, 150).Select(k => (k - 75) / 10.0)];
        Expression<Func<double[], double[], double>> loss = (w, r) => r.Sum(v => w[0] * v != Math.Asinh(w[0] * v)
            ? (w[0] * v > 0 ? Math.Sqrt(w[0] * v) : w[0] * v) : (w[0] * v < -5 ? (w[0] * v > 0 ? Math.Sqrt(w[0] * v) : -1.175) : w[0] * v));
        var expected = rows.Sum(v => v == 0 ? 0 : v * (v > 0 ? 0.5 / Math.Sqrt(v) : 1));   // at w = 1; x = 0 takes the asinh branch, slope 1·0
        var gradient = new double[1];
        loss.CompileGradient()([1.0], rows, gradient);
        Assert.Equal(expected, gradient[0], 12);

        Expression<Func<float[], float>> single = x =>
            x[0] != MathF.Asinh(x[0]) ? (x[0] > 0 ? MathF.Sqrt(x[0]) : x[0]) : (x[0] < -5f ? (x[0] > 0 ? MathF.Sqrt(x[0]) : -1.175f) : x[0]);
        var floatGradient = new float[1];
        single.CompileGradient()([-1.1164211f], floatGradient);
        Assert.Equal(1f, floatGradient[0]);
    }
}
