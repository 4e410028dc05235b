using System.Linq.Expressions;

namespace Symbolic.Tests.Robustness;

/// <summary>One test per bug found in review, named after the bug.</summary>
public class ReviewRegressionTests
{
    private static readonly double[] Data = [1.0, 2.0, 3.0];

    [Fact]
    public void A_comparison_used_twice_is_read_back_from_its_bool_variable()
    {
        Expression<Func<double, double>> f = x => (x > 0 ? x * x : 0) + (x > 0 ? Math.Sin(x) : 1);

        var second = f.Diff().Diff().Compile();

        Assert.Equal(2 - Math.Sin(0.5), second(0.5), 14);
        Assert.Equal(0, second(-0.5));
        Assert.DoesNotContain("t1", f.Diff().ToMathString());
    }

    [Fact]
    public void A_conversion_through_float_is_rejected_rather_than_given_a_zero_derivative()
    {
        var error = Assert.Throws<NotSupportedException>(() => Calculus.Diff(x => (double)(float)x * x));

        Assert.Contains("Single", error.Message);
    }

    [Fact]
    public void A_guarded_read_of_captured_data_stays_behind_its_guard()
    {
        Expression<Func<double, int, double>> f = (x, i) => i < Data.Length ? Data[i] * Data[i] * x : 0;

        var derivative = (Func<double, int, double>)((LambdaExpression)f).Partial(0).Compile();

        Assert.Equal(4, derivative(2, 1));
        Assert.Equal(0, derivative(2, 5));
    }

    [Fact]
    public void A_nested_lambdas_own_parameter_is_not_a_variable()
    {
        var derivative = Calculus.Diff(x => x * Data.Sum(v => v * v)).Compile();

        Assert.Equal(14, derivative(3));
    }

    [Fact]
    public void The_Jacobian_of_a_gradient_that_reads_a_captured_array_is_the_Hessian()
    {
        Expression<Func<double[], double>> f = x => Math.Pow(Data[0] - x[0] * x[1], 2) + Data[2] * x[0] * x[0];
        var point = new[] { 0.7, -1.3 };

        var viaJacobian = f.Grad().Jacobian().Compile()(point);
        var hessian = f.Hessian().Compile()(point);

        Assert.Equal(hessian, viaJacobian);
    }

    [Fact]
    public void Rounding_level_keeps_the_special_values_of_Pow()
    {
        Expression<Func<double, double>> f = x => Math.Pow(x, 0.5) + Math.Pow(x, -2);

        var rounded = f.Simplify(SimplificationLevel.Rounding).Compile();

        Assert.Equal(double.PositiveInfinity, rounded(double.NegativeInfinity));
        Assert.Equal(f.Compile()(1e160), rounded(1e160));
    }

    [Fact]
    public void A_zero_slope_times_an_infinite_partial_is_zero_not_NaN()
    {
        Assert.Equal(0, Calculus.Diff(x => Math.Sqrt(Math.Max(0, x))).Compile()(-1));
        Assert.Equal(0, Calculus.Diff(x => Math.Asin(Math.Min(1, x))).Compile()(2));
        Assert.Equal(0, Calculus.Diff(x => Math.Sqrt(x > 0 ? x : 0)).Compile()(-1));
        Expression<Func<double, double, double>> f = (x, y) => Math.Sqrt(Math.Max(0, x)) * y;
        Assert.Equal(0, f.Partial(0).Compile()(-1, 2));
    }

    [Fact]
    public void A_captured_exponent_of_zero_has_derivative_zero_at_zero()
    {
        var (zero, one) = (0.0, 1.0);

        Assert.Equal(0, Calculus.Diff(x => Math.Pow(x, zero)).Compile()(0));
        Assert.Equal(0, Calculus.Diff(x => Math.Pow(x, one)).Diff().Compile()(0));
        Assert.Equal(1, Calculus.Diff(x => Math.Pow(x, one)).Compile()(0));
    }
}
