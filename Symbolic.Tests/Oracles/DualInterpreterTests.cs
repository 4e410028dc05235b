using System.Linq.Expressions;

namespace Symbolic.Tests.Oracles;

/// <summary>The dual-number oracle against derivatives worked out by hand: the oracle must be right before it judges the library.</summary>
public class DualInterpreterTests
{
    [Fact]
    public void It_gives_the_value_and_the_first_and_second_derivatives_of_one_variable()
    {
        Expression<Func<double, double>> f = x => Math.Sin(x) * x;

        var result = DualInterpreter.Evaluate(f, [0.7], first: 0, second: 0).Number;

        Assert.Equal(Math.Sin(0.7) * 0.7, result.Value);
        Assert.Equal(Math.Cos(0.7) * 0.7 + Math.Sin(0.7), result.D1, 15);
        Assert.Equal(2 * Math.Cos(0.7) - Math.Sin(0.7) * 0.7, result.D12, 15);
    }

    [Fact]
    public void Seeding_two_parameters_gives_both_partials_and_the_mixed_derivative()
    {
        Expression<Func<double, double, double>> f = (x, y) => x * y * y / (1 + x);

        var result = DualInterpreter.Evaluate(f, [2, 3], first: 0, second: 1).Number;

        Assert.Equal(9 / 9.0, result.D1, 15);                // y²/(1+x)²
        Assert.Equal(2 * 2 * 3 / 3.0, result.D2, 15);        // 2xy/(1+x)
        Assert.Equal(2 * 3 / 9.0, result.D12, 15);           // 2y/(1+x)²
    }

    [Theory]
    [InlineData(0.3, 0.8)]
    [InlineData(-1.2, 0.4)]
    [InlineData(0.9, -2.5)]
    public void Atan2_has_the_gradient_and_Hessian_of_the_angle(double y, double x)
    {
        Expression<Func<double, double, double>> f = (a, b) => Math.Atan2(a, b);
        var r2 = x * x + y * y;

        var inY = DualInterpreter.Evaluate(f, [y, x], first: 0, second: 0).Number;
        var mixed = DualInterpreter.Evaluate(f, [y, x], first: 0, second: 1).Number;

        Assert.Equal(x / r2, inY.D1, 14);
        Assert.Equal(-2 * x * y / (r2 * r2), inY.D12, 14);
        Assert.Equal(-y / r2, mixed.D2, 14);
        Assert.Equal((y * y - x * x) / (r2 * r2), mixed.D12, 14);
    }

    [Fact]
    public void A_varying_exponent_gets_the_log_term_and_a_constant_one_does_not()
    {
        Expression<Func<double, double, double>> f = (x, y) => Math.Pow(x, y);

        Assert.Equal(Math.Pow(2, 3) * Math.Log(2), DualInterpreter.Evaluate(f, [2, 3], first: 1).Number.D1, 14);
        Assert.Equal(3 * 4.0, DualInterpreter.Evaluate(f, [-2, 3], first: 0).Number.D1, 14);   // negative base, no NaN
        Assert.Equal(3 * 2 * -2.0, DualInterpreter.Evaluate(f, [-2, 3], first: 0, second: 0).Number.D12, 14);
    }

    [Fact]
    public void A_logarithm_with_a_base_keeps_Maths_value()
    {
        Expression<Func<double, double>> f = x => Math.Log(x, 3);

        var result = DualInterpreter.Evaluate(f, [5], first: 0).Number;

        Assert.Equal(Math.Log(5, 3), result.Value);
        Assert.Equal(1 / (5 * Math.Log(3)), result.D1, 15);
    }

    [Fact]
    public void Captured_variables_are_read_by_reflection_and_are_constants()
    {
        var k = 2.5;
        Expression<Func<double, double>> f = x => k * x * x;

        var result = DualInterpreter.Evaluate(f, [3], first: 0, second: 0).Number;

        Assert.Equal((2.5 * 9, 2.5 * 6, 2.5 * 2), (result.Value, result.D1, result.D12));
    }

    [Fact]
    public void Integer_valued_sub_expressions_are_flat()
    {
        Expression<Func<double, double>> f = x => Math.Sign(x) * x * x + Math.Floor(x);

        var result = DualInterpreter.Evaluate(f, [-1.5], first: 0).Number;

        Assert.Equal(-2.25 - 2, result.Value);
        Assert.Equal(3, result.D1);
    }

    [Fact]
    public void Conditionals_and_max_follow_only_the_branch_taken()
    {
        Expression<Func<double, double>> f = x => x > 0 && !(x > 2) ? Math.Log(x) : Math.Max(-x, x * x);

        Assert.Equal(1 / 1.5, DualInterpreter.Evaluate(f, [1.5], first: 0).Number.D1, 15);
        Assert.Equal(-1, DualInterpreter.Evaluate(f, [-0.5], first: 0).Number.D1);   // log(-0.5) is never looked at
        Assert.Equal(6, DualInterpreter.Evaluate(f, [3], first: 0).Number.D1);
    }

    [Fact]
    public void An_argument_that_does_not_move_has_zero_derivative_even_where_the_slope_is_infinite()
    {
        Expression<Func<double, double>> f = x => Math.Sqrt(Math.Floor(x));

        Assert.Equal(0, DualInterpreter.Evaluate(f, [0.5], first: 0, second: 0).Number.D12);
    }

    [Theory]
    [InlineData(0.3, 0.2)]
    [InlineData(0.5004, 0.0004 / 1.0004)]
    [InlineData(2.5, 2 / 3.0)]   // relative to the magnitude of the terms compared: |x| + 0.5
    public void The_nearest_kink_is_measured_in_the_kinked_quantity_relative_to_its_magnitude(double x, double expected)
    {
        Expression<Func<double, double>> f = x => Math.Abs(x - 0.5);

        Assert.Equal(expected, DualInterpreter.Evaluate(f, [x]).NearestKink, 12);
    }

    [Fact]
    public void A_kink_whose_argument_is_locally_constant_is_no_kink()
    {
        Expression<Func<double, double>> f = x => Math.Floor(Math.Floor(x)) + Math.Abs(Math.Sign(x));

        // Only the inner floor and the sign see x move: 0.5 and 1.5 away, relative to |x| = 1.5.
        Assert.Equal(0.5 / 1.5, DualInterpreter.Evaluate(f, [1.5]).NearestKink, 15);
    }

    [Fact]
    public void Points_on_either_side_of_a_kink_have_different_sides()
    {
        Expression<Func<double, double>> f = x => x * x > 2 ? x : -x;

        Assert.True(DualInterpreter.Evaluate(f, [1.5]).SameSidesAs(DualInterpreter.Evaluate(f, [1.9])));
        Assert.False(DualInterpreter.Evaluate(f, [1.5]).SameSidesAs(DualInterpreter.Evaluate(f, [1.3])));
    }

    [Fact]
    public void The_scale_keeps_the_size_of_cancelled_terms()
    {
        Expression<Func<double, double>> f = x => (1e8 + x) - 1e8;

        var result = DualInterpreter.Evaluate(f, [0.5]);

        Assert.True(result.Scale.Value >= 2e8, $"scale {result.Scale.Value}");
    }

    [Fact]
    public void A_method_it_has_no_derivative_for_is_refused()
    {
        Expression<Func<double, double>> f = x => Math.ScaleB(x, 2);

        Assert.Throws<NotSupportedException>(() => DualInterpreter.Evaluate(f, [1], first: 0));
    }
}
