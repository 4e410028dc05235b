using System.Linq.Expressions;

namespace Symbolic.Tests.Backpropagation;

/// <summary>The hot path: caching, the caller's buffer, and the entries f does not depend on.</summary>
public class CompileGradientTests
{
    [Fact]
    public void A_structurally_equal_expression_written_twice_gets_the_same_delegate()
    {
        var first = Calculus.CompileGradient(x => Math.Sin(x[0]) * x[1] + 0.8125 * Math.Exp(x[2]));
        var second = Calculus.CompileGradient(x => Math.Sin(x[0]) * x[1] + 0.8125 * Math.Exp(x[2]));

        Assert.Same(first, second);
    }

    [Fact]
    public void Renaming_the_parameter_keeps_the_same_delegate()
    {
        var first = Calculus.CompileGradient(x => Math.Cos(x[1]) - 0.6875 * x[0] * x[0]);
        var second = Calculus.CompileGradient(point => Math.Cos(point[1]) - 0.6875 * point[0] * point[0]);

        Assert.Same(first, second);
    }

    [Fact]
    public void A_different_constant_gets_a_different_delegate()
    {
        var first = Calculus.CompileGradient(x => Math.Cos(x[1]) - 0.4375 * x[0]);
        var second = Calculus.CompileGradient(x => Math.Cos(x[1]) - 0.5625 * x[0]);

        Assert.NotSame(first, second);
        var gradient = new double[2];
        second([0, 0], gradient);
        Assert.Equal(-0.5625, gradient[0]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(0)]
    public void A_gradient_buffer_of_the_wrong_length_throws_ArgumentException(int length)
    {
        var valueAndGradient = Calculus.CompileGradient(x => x[0] * x[1] * x[2]);

        var error = Assert.Throws<ArgumentException>(() => valueAndGradient([1, 2, 3], new double[length]));

        Assert.Equal("gradient", error.ParamName);
    }

    [Fact]
    public void Entries_f_does_not_depend_on_are_zero_in_Grad()
    {
        Expression<Func<double[], double>> f = x => x[0] * x[0] * x[2];

        var gradient = f.Grad().Compile()([3, 5, 7, 11, 13]);

        Assert.Equal([2 * 3 * 7.0, 0, 9, 0, 0], gradient);
    }

    [Fact]
    public void CompileGradient_overwrites_stale_values_in_the_buffer_with_zeros()
    {
        Expression<Func<double[], double>> f = x => x[0] * x[0] * x[2] + 0.25;
        var buffer = new[] { double.NaN, 42, double.NaN, -1, double.PositiveInfinity };

        var value = f.CompileGradient()([3, 5, 7, 11, 13], buffer);

        Assert.Equal(3 * 3 * 7 + 0.25, value);
        Assert.Equal([2 * 3 * 7.0, 0, 9, 0, 0], buffer);
    }

    [Fact]
    public void Calling_the_compiled_gradient_twice_leaves_nothing_of_the_first_call()
    {
        var valueAndGradient = Calculus.CompileGradient(x => Math.Sin(x[1]) * x[3]);
        var buffer = new double[4];

        valueAndGradient([1, 2, 3, 4], buffer);
        valueAndGradient([0, 0, 0, 0], buffer);

        Assert.Equal([0, 0, 0, 0.0], buffer);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void Grad_of_a_function_that_reads_no_variable_is_all_zeros_of_the_length_of_x(int length)
    {
        Expression<Func<double[], double>> f = x => 2.5;

        Assert.Equal(new double[length], f.Grad().Compile()(new double[length]));
        var buffer = Enumerable.Repeat(double.NaN, length).ToArray();
        Assert.Equal(2.5, f.CompileGradient()(new double[length], buffer));
        Assert.Equal(new double[length], buffer);
    }

    [Fact]
    public void Grad_of_a_function_that_reads_a_variable_twice_sums_both_contributions()
    {
        Expression<Func<double[], double>> f = x => x[1] * Math.Sin(x[1]);

        var gradient = f.Grad().Compile()([0, 0.5]);

        Assert.Equal(0, gradient[0]);
        Assert.Equal(Math.Sin(0.5) + 0.5 * Math.Cos(0.5), gradient[1], 1e-15);
    }

    [Fact]
    public void Lambdas_alike_over_different_captured_arrays_read_their_own_arrays()
    {
        static GradientFunc Make(double[] weights) => Calculus.CompileGradient(x => weights[0] * x[0] * x[0]);
        var (two, three) = (Make([2]), Make([3]));
        var buffer = new double[1];

        two([1], buffer);
        Assert.Equal(4, buffer[0]);
        three([1], buffer);
        Assert.Equal(6, buffer[0]);
    }

    [Fact]
    public void A_captured_array_is_read_when_the_compiled_gradient_is_called_not_when_it_is_compiled()
    {
        var weights = new[] { 1.0 };
        var valueAndGradient = Calculus.CompileGradient(x => weights[0] * Math.Sin(x[0]));
        var buffer = new double[1];

        weights[0] = 5;
        var value = valueAndGradient([0.5], buffer);

        Assert.Equal(5 * Math.Sin(0.5), value, 1e-15);
        Assert.Equal(5 * Math.Cos(0.5), buffer[0], 1e-15);
    }
}
