using System.Linq.Expressions;

namespace Symbolic.Tests.Robustness;

/// <summary>
/// A method given a variable that returns something other than a double (a string, an int) and is then used as a
/// number has no derivative Symbolic knows — not even zero — so it is refused, naming the method and quoting the
/// call. Integer conversions and tests stay step functions with derivative zero, and calls that do not involve the
/// variables stay opaque leaves.
/// </summary>
public class NonDoubleResultTests
{
    public static TheoryData<string, Expression<Func<double, double>>, string> Refused => new()
    {
        { "ToString", x => x.ToString().Length * x, "x.ToString()" },
        { "ILogB", x => Math.ILogB(x) * x, "ILogB(x)" },
        { "CompareTo", x => x.CompareTo(1.0) + x, "x.CompareTo(1)" },
        { "GetHashCode", x => (x * x).GetHashCode() % 7, "(x * x).GetHashCode()" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_number_made_by_a_method_that_returns_a_non_double_of_the_variable_is_refused_by_Diff(string method, Expression<Func<double, double>> f, string call)
    {
        var error = Assert.Throws<NotSupportedException>(() => f.Diff());

        Assert.Contains(method, error.Message);
        Assert.Contains($"Sub-expression: {call}", error.Message);
        Assert.Contains("'x'", error.Message);
    }

    [Fact]
    public void Grad_and_CompileGradient_refuse_a_non_double_method_of_an_element_of_w_and_name_w()
    {
        Expression<Func<double[], double>> f = w => w[0].ToString().Length * w[1];
        Expression<Func<double[], double[], double>> overData = (w, xs) => xs.Sum(x => (x * w[0]).GetHashCode() % 7 * w[1]);

        var fromGrad = Assert.Throws<NotSupportedException>(() => f.Grad());
        var fromCompile = Assert.Throws<NotSupportedException>(() => f.CompileGradient());
        var fromData = Assert.Throws<NotSupportedException>(() => overData.CompileGradient());

        Assert.Contains("Sub-expression: w[0].ToString()", fromGrad.Message);
        Assert.Contains("'w'", fromCompile.Message);
        Assert.Contains("GetHashCode", fromData.Message);
    }

    [Fact]
    public void Integer_conversions_and_tests_of_the_variable_are_still_step_functions_with_derivative_zero()
    {
        Expression<Func<double, double>> f = x => (int)Math.Round(x) * x + (long)(2 * x) + (double.IsNaN(x) ? 1 : 2) * x + Math.Sign(x) * 2 + Convert.ToInt32(x);

        var derivative = f.Diff().Compile();

        // At 1.3: round = 1, and the tests contribute their constant factor 2.
        Assert.Equal(1 + 2, derivative(1.3), 14);
    }

    [Fact]
    public void A_method_of_integers_made_from_the_variable_is_a_step_function_not_refused()
    {
        Expression<Func<double[], double>> f = w => Math.Max(0, (int)w[0]) * w[1] + Math.Abs((int)w[1]) + Math.Clamp((int)w[0], -1, 1) * w[0];
        var w = new[] { 2.6, -1.4 };
        var gradient = new double[2];

        var value = f.CompileGradient()(w, gradient);

        // At w = (2.6, −1.4): max(0, 2) = 2, |−1| = 1, clamp(2) = 1; the integer parts have derivative 0.
        Assert.Equal(2 * -1.4 + 1 + 1 * 2.6, value, 14);
        Assert.Equal([1.0, 2.0], gradient);
    }

    [Fact]
    public void A_non_double_method_of_data_or_of_a_captured_value_is_an_opaque_leaf()
    {
        var k = 123.5;
        Expression<Func<double, double>> captured = x => k.ToString(System.Globalization.CultureInfo.InvariantCulture).Length * x;
        Expression<Func<double[], double[], double>> overData = (w, xs) => xs.Sum(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture).Length * w[0]);

        Assert.Equal(5, captured.Diff().Compile()(2));
        Assert.Equal([1 + 3], overData.Grad().Compile()([2], [3, 0.5]));
    }

    [Fact]
    public void A_parameter_of_a_nested_lambda_is_data_not_a_variable_when_a_step_function_of_x_calls_a_method_on_it()
    {
        double[] data = [3, 0.5];
        Expression<Func<double, double>> f = x =>
            (double)(data.Aggregate(0, (sum, d) => sum + d.ToString(System.Globalization.CultureInfo.InvariantCulture).Length) + (int)x) + x;

        Assert.Equal(1, f.Diff().Compile()(2.5));
    }
}
