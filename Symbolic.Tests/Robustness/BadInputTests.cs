using System.Linq.Expressions;

namespace Symbolic.Tests.Robustness;

public class BadInputTests
{
    private static double UserFunction(double x) => x * x;

    [Fact]
    public void A_method_without_a_rule_is_named_and_quoted()
    {
        var error = Assert.Throws<NotSupportedException>(() => Calculus.Diff(x => UserFunction(x) + 1));

        Assert.Contains("UserFunction", error.Message);
        Assert.Contains("UserFunction(x)", error.Message);
    }

    [Fact]
    public void The_remainder_operator_is_not_differentiable_and_says_so()
    {
        var error = Assert.Throws<NotSupportedException>(() => Calculus.Diff(x => x % 2));

        Assert.Contains("Modulo", error.Message);
        Assert.Contains("(x % 2)", error.Message);
    }

    [Fact]
    public void A_delegate_invocation_is_rejected()
    {
        Func<double, double> g = Math.Sin;

        var error = Assert.Throws<NotSupportedException>(() => Calculus.Diff(x => g(x)));

        Assert.Contains("Invoke", error.Message);
    }

    [Fact]
    public void A_method_that_does_not_involve_the_variables_is_an_opaque_constant()
    {
        var derivative = Calculus.Diff(x => UserFunction(3) * x).Compile();

        Assert.Equal(9, derivative(1.5));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void A_parameter_index_out_of_range_throws_ArgumentOutOfRangeException(int index)
    {
        Expression<Func<double, double, double>> f = (x, y) => x * y;

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => f.Partial(index));

        Assert.Equal("parameterIndex", error.ParamName);
    }

    [Fact]
    public void A_parameter_that_is_not_a_double_is_named_with_its_type()
    {
        Expression<Func<double, int, double>> f = (x, n) => x * n;

        var error = Assert.Throws<ArgumentException>(() => ((LambdaExpression)f).Partial(1));

        Assert.Contains("Int32", error.Message);
        Assert.Contains("'n'", error.Message);
    }

    [Fact]
    public void Other_parameters_of_any_type_are_held_constant()
    {
        Expression<Func<double, int, double>> f = (x, n) => Math.Pow(x, 2) * n;

        var derivative = (Func<double, int, double>)((LambdaExpression)f).Partial(0).Compile();

        Assert.Equal(2 * 3.0 * 4, derivative(3, 4));
    }

    [Fact]
    public void A_lambda_that_does_not_return_double_is_rejected()
    {
        Expression<Func<double, int>> f = x => (int)x;

        Assert.Throws<ArgumentException>(() => ((LambdaExpression)f).Partial(0));
    }

    [Fact]
    public void A_null_function_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => Calculus.Diff(null!));
    }
}
