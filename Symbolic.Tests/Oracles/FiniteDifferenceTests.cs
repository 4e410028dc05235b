using System.Linq.Expressions;

namespace Symbolic.Tests.Oracles;

/// <summary>Ridders' extrapolated differences: accurate where f is smooth, and honest about it where it is not.</summary>
public class FiniteDifferenceTests
{
    [Theory]
    [InlineData(-1.3)]
    [InlineData(0.2)]
    [InlineData(1.9)]
    public void A_smooth_function_gets_a_derivative_accurate_to_about_ten_digits(double x)
    {
        var estimate = FiniteDifference.Derivative(t => Math.Exp(Math.Sin(t)), x);

        var exact = Math.Cos(x) * Math.Exp(Math.Sin(x));
        Assert.True(Math.Abs(estimate.Derivative - exact) < 1e-9, $"{estimate} vs {exact}");
        Assert.True(estimate.IsReliable(1e-8), $"{estimate}");
    }

    [Fact]
    public void The_error_estimate_bounds_the_actual_error()
    {
        var estimate = FiniteDifference.Derivative(t => Math.Tan(t), 1.2);

        Assert.True(Math.Abs(estimate.Derivative - 1 / Math.Pow(Math.Cos(1.2), 2)) <= 10 * estimate.Error + 1e-12, $"{estimate}");
    }

    [Fact]
    public void A_partial_derivative_moves_only_its_own_coordinate()
    {
        var estimate = FiniteDifference.Partial(p => p[0] * p[0] * p[1], [1.5, -2], index: 1);

        Assert.Equal(2.25, estimate.Derivative, 9);
    }

    [Fact]
    public void At_a_kink_the_estimate_is_not_reliable()
    {
        Assert.False(FiniteDifference.Derivative(Math.Abs, 0.001).IsReliable(1e-7));
    }

    [Fact]
    public void A_staircase_fools_the_extrapolation_but_not_the_trust_check()
    {
        // floor(100·x) steps every 0.01: every stencil straddles steps, and the differences agree on
        // the slope of 100·x. The oracle sees the stencil leave the smooth piece.
        Expression<Func<double, double>> f = x => Math.Floor(100 * x);
        var estimate = FiniteDifference.Derivative(f.Compile(), 0.4321);

        Assert.True(Math.Abs(estimate.Derivative - 100) < 20, $"{estimate}");
        Assert.False(FiniteDifferenceChecks.Trust(f, [0.4321], 0, estimate));
    }
}
