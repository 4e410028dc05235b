using System.Linq.Expressions;

namespace Symbolic.Tests.Rules;

/// <summary>The behaviours the rule table alone does not show: opaque leaves, NaN isolation, higher derivatives.</summary>
public class SemanticsTests
{
    private double _scale = 2;

    [Fact]
    public void A_captured_variable_is_read_when_the_derivative_is_called()
    {
        var k = 3.0;
        var derivative = Calculus.Diff(x => k * x * x).Compile();
        Assert.Equal(6, derivative(1));

        k = 5;

        Assert.Equal(10, derivative(1));
    }

    [Fact]
    public void A_field_is_an_opaque_leaf_read_at_call_time()
    {
        var derivative = Calculus.Diff(x => _scale * Math.Sin(x)).Compile();
        _scale = 7;

        Assert.Equal(7 * Math.Cos(0.4), derivative(0.4), 15);
    }

    [Fact]
    public void The_branch_not_taken_does_not_leak_NaN()
    {
        var derivative = Calculus.Diff(x => x > 0 ? Math.Sqrt(x) : -x).Compile();

        Assert.Equal(-1, derivative(-4));
        Assert.Equal(0.25, derivative(4));
    }

    [Fact]
    public void Max_and_min_follow_only_the_selected_operand()
    {
        var derivative = Calculus.Diff(x => Math.Max(Math.Log(x), -x) + Math.Min(Math.Sqrt(x), 5 * x)).Compile();

        Assert.Equal(-1 + 5, derivative(-1));   // log(-1) and sqrt(-1) are NaN, but neither is selected
    }

    [Fact]
    public void A_constant_power_of_a_negative_base_has_no_log_term()
    {
        var derivative = Calculus.Diff(x => Math.Pow(x, 3)).Compile();

        Assert.Equal(12, derivative(-2));
        Assert.DoesNotContain("log", Calculus.Diff(x => Math.Pow(x, 3)).ToMathString());
    }

    [Fact]
    public void The_absolute_value_has_derivative_zero_at_its_kink()
    {
        Assert.Equal(0, Calculus.Diff(x => Math.Abs(x)).Compile()(0));
    }

    [Fact]
    public void Double_literals_are_kept_bit_for_bit()
    {
        const double third = 1.0 / 3.0;
        var derivative = Calculus.Diff(x => third * x + 0.1 * x * x).Compile();

        Assert.Equal(third + 0.2 * 2, derivative(2), 15);
        Assert.Equal(BitConverter.DoubleToInt64Bits(third), BitConverter.DoubleToInt64Bits(Calculus.Diff(x => third * x).Compile()(123)));
    }

    [Fact]
    public void Integer_literals_and_conversions_are_constants()
    {
        var n = 4;
        var derivative = Calculus.Diff(x => (double)n * x + 2 * x).Compile();

        Assert.Equal(6, derivative(1.5));
    }

    [Fact]
    public void Derivatives_can_be_taken_again_and_again()
    {
        Expression<Func<double, double>> f = x => Math.Sin(2 * x);
        var fourth = f.Diff().Diff().Diff().Diff().Compile();

        Assert.Equal(16 * Math.Sin(2 * 0.3), fourth(0.3), 12);
    }

    [Fact]
    public void Results_are_ordinary_expression_trees()
    {
        var derivative = Calculus.Diff(x => Math.Sin(x) * x);

        Assert.IsAssignableFrom<LambdaExpression>(derivative);
        Assert.Equal(Math.Cos(1) + Math.Sin(1), derivative.Compile(preferInterpretation: true)(1), 15);
    }

    [Fact]
    public void Shared_subexpressions_are_computed_once_in_the_emitted_code()
    {
        var derivative = Calculus.Diff(x => Math.Exp(Math.Sin(x)) * Math.Exp(Math.Sin(x)));

        var block = Assert.IsAssignableFrom<BlockExpression>(derivative.Body);
        Assert.NotEmpty(block.Variables);
    }
}
