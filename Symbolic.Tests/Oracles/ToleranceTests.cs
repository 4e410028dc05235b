using System.Linq.Expressions;
using Xunit.Sdk;

namespace Symbolic.Tests.Oracles;

/// <summary>What counts as agreement, and what a disagreement says.</summary>
public class ToleranceTests
{
    [Fact]
    public void NaN_agrees_only_with_NaN()
    {
        Assert.True(Tolerance.Agree(double.NaN, double.NaN));
        Assert.False(Tolerance.Agree(double.NaN, 1));
        Assert.False(Tolerance.Agree(1, double.NaN));
    }

    [Fact]
    public void Infinities_agree_only_with_the_same_infinity()
    {
        Assert.True(Tolerance.Agree(double.PositiveInfinity, double.PositiveInfinity));
        Assert.False(Tolerance.Agree(double.PositiveInfinity, double.NegativeInfinity));
        Assert.False(Tolerance.Agree(double.PositiveInfinity, double.MaxValue));
    }

    [Fact]
    public void The_tolerance_is_relative_to_the_larger_of_the_value_and_its_scale()
    {
        Assert.True(Tolerance.Agree(1e6, 1e6 + 1e-4));
        Assert.False(Tolerance.Agree(1e6, 1e6 + 1e-2));
        Assert.False(Tolerance.Agree(1e-3, 1e-3 + 1e-8));
        Assert.True(Tolerance.Agree(1e-3, 1e-3 + 1e-8, scale: 1e2));   // a small difference of large terms
    }

    [Fact]
    public void Same_means_equal_as_doubles_or_both_NaN()
    {
        Assert.True(Tolerance.Same(0.1, 0.1));
        Assert.True(Tolerance.Same(double.NaN, -double.NaN));
        Assert.False(Tolerance.Same(0.1, Math.BitIncrement(0.1)));
    }

    [Fact]
    public void A_disagreement_names_the_claim_the_function_the_point_and_both_numbers()
    {
        Expression<Func<double, double>> f = x => Math.Sin(x);

        var failure = Assert.Throws<XunitException>(() => Tolerance.AssertAgree("Diff(f) is wrong", f, [0.25], 0.96891242171064473, 0.5));

        Assert.Contains("Diff(f) is wrong", failure.Message);
        Assert.Contains("x => Sin(x)", failure.Message);
        Assert.Contains("(0.25)", failure.Message);
        Assert.Contains("0.9689124217106447", failure.Message);
        Assert.Contains("0.5", failure.Message);
    }
}
