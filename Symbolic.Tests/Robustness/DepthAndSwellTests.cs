using Symbolic.Tests.Support;

namespace Symbolic.Tests.Robustness;

public class DepthAndSwellTests
{
    [Fact]
    public void A_chain_of_depth_ten_thousand_differentiates_compiles_and_matches_the_chain_rule()
    {
        var derivative = Chains.NestedSine(10_000).Diff().Compile();

        foreach (var x in new[] { 0.3, -1.2, 2.5 })
        {
            var expected = Chains.NestedSineDerivative(10_000, x);
            Assert.Equal(expected, derivative(x), Math.Abs(expected) * 1e-9 + 1e-15);
        }
    }

    [Fact]
    public void A_chain_of_depth_one_hundred_thousand_differentiates_compiles_and_matches_the_chain_rule()
    {
        // The issue allows a catchable exception here; the scheduler's local reuse keeps the emitted
        // method small enough for the JIT, so it works.
        var derivative = Chains.NestedSine(100_000).Diff().Compile();

        var expected = Chains.NestedSineDerivative(100_000, 0.3);
        Assert.Equal(expected, derivative(0.3), Math.Abs(expected) * 1e-9 + 1e-15);
    }

    [Fact]
    public void A_chain_of_depth_one_hundred_thousand_prints_without_overflowing_the_stack()
    {
        var text = Chains.NestedSine(100_000).ToMathString();

        Assert.StartsWith("sin(sin(", text);
        Assert.Equal(100_000, text.Split("sin(").Length - 1);
    }

    [Theory]
    [InlineData("nested sine")]
    [InlineData("product of distinct factors")]
    public void The_derivative_grows_linearly_with_the_model(string model)
    {
        int SizeOfDerivative(int k) => ExpressionSize.NodeCount(Build(model, k).Diff());

        var (small, large) = (SizeOfDerivative(50), SizeOfDerivative(500));

        // Linear growth: ten times the model, at most about ten times the derivative (quadratic would be 100x).
        Assert.InRange(large, 1, small * 12);
        Assert.InRange(large, 1, 500 * 20);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(500)]
    public void The_derivative_of_a_long_product_matches_its_closed_form(int k)
    {
        var derivative = Chains.ProductOfShiftedFactors(k).Diff().Compile();

        var expected = Chains.ProductOfShiftedFactorsDerivative(k, -0.5);
        Assert.Equal(expected, derivative(-0.5), Math.Abs(expected) * 1e-10);
    }

    private static System.Linq.Expressions.Expression<Func<double, double>> Build(string model, int k) => model switch
    {
        "nested sine" => Chains.NestedSine(k),
        _ => Chains.ProductOfShiftedFactors(k),
    };
}
