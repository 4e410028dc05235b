using System.Linq.Expressions;

namespace Symbolic.Tests.Golden;

/// <summary>One line per known function: the printed derivative, as a textbook would write it.</summary>
public class PrintedDerivativeTests
{
    private static void Prints(string expected, Expression<Func<double, double>> f) => Assert.Equal(expected, f.Diff().ToMathString());

    [Fact] public void Cube() => Prints("3*x^2", x => x * x * x);
    [Fact] public void Cube_written_with_pow() => Prints("3*x^2", x => Math.Pow(x, 3));
    [Fact] public void Polynomial() => Prints("3*x^2 - 2", x => Math.Pow(x, 3) - 2 * x + 1);
    [Fact] public void Product_rule() => Prints("x*cos(x) + sin(x)", x => Math.Sin(x) * x);
    [Fact] public void Quotient() => Prints("-1/x^2", x => 1 / x);
    [Fact] public void Gaussian() => Prints("-x*exp(-x^2/2)", x => Math.Exp(-x * x / 2));
    [Fact] public void Log_of_one_plus_square() => Prints("2*x/(x^2 + 1)", x => Math.Log(1 + x * x));
    [Fact] public void Square_root() => Prints("0.5/sqrt(x)", x => Math.Sqrt(x));
    [Fact] public void Hyperbolic_tangent_reuses_itself() => Prints("1 - tanh(x)^2", x => Math.Tanh(x));
    [Fact] public void Exponential_reuses_itself() => Prints("2*exp(2*x)", x => Math.Exp(2 * x));
    [Fact] public void Chain_rule() => Prints("2*x*cos(x^2)", x => Math.Sin(x * x));
    [Fact] public void Conditional_differentiates_each_branch() => Prints("x > 0 ? 2*x : -1", x => x > 0 ? x * x : -x);
    [Fact] public void Constant_has_derivative_zero() => Prints("0", x => 42.0);
    [Fact] public void Like_terms_are_collected() => Prints("5", x => 2 * x + 3 * x);

    [Fact] public void Second_derivative_of_product() => Assert.Equal("2*cos(x) - x*sin(x)", Calculus.Diff(x => Math.Sin(x) * x).Diff().ToMathString());
    [Fact] public void Second_derivative_of_square_root() => Assert.Equal("-0.25/sqrt(x)^3", Calculus.Diff(x => Math.Sqrt(x)).Diff().ToMathString());
    [Fact]
    public void Second_derivative_of_log_of_one_plus_square() =>
        Assert.Equal("2/(x^2 + 1) - 4*x^2/(x^2 + 1)^2", Calculus.Diff(x => Math.Log(1 + x * x)).Diff().ToMathString());

    [Fact]
    public void Partial_derivatives_hold_the_other_variable_constant()
    {
        Expression<Func<double, double, double>> f = (x, y) => x * y + Math.Sin(x * y);

        Assert.Equal("y + y*cos(x*y)", f.Partial(0).ToMathString());
        Assert.Equal("x + x*cos(x*y)", f.Partial(1).ToMathString());
    }

    [Fact]
    public void A_captured_variable_prints_by_name()
    {
        var k = 3.0;
        Expression<Func<double, double>> f = x => k * x * x;

        Assert.Equal("2*k*x", f.Diff().ToMathString());
    }
}
