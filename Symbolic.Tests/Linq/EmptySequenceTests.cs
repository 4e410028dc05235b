using System.Linq.Expressions;

namespace Symbolic.Tests.Linq;

/// <summary>Empty sequences follow LINQ: a sum of nothing is 0 with zero gradient; an average of nothing throws.</summary>
public class EmptySequenceTests
{
    private static readonly double[] X = [0.5, -1.25, 2.0];

    [Fact]
    public void The_sum_of_an_empty_range_is_zero_with_a_zero_gradient_written_over_the_old_buffer()
    {
        Expression<Func<double[], double>> f = x => Enumerable.Range(0, 0).Sum(i => Math.Exp(x[i]));
        var gradient = new[] { 7.0, 7.0, 7.0 };

        var value = f.CompileGradient()(X, gradient);

        Assert.Equal(0.0, value);
        Assert.Equal([0.0, 0.0, 0.0], gradient);
        Assert.Equal([0.0, 0.0, 0.0], f.Grad().Compile()(X));
    }

    [Fact]
    public void The_sum_over_an_empty_data_array_adds_nothing_to_the_rest_of_the_model()
    {
        Expression<Func<double[], double[], double>> f = (w, xs) => w[0] * w[1] + xs.Sum(v => Math.Pow(w[0] * v - w[2], 2));
        var gradient = new[] { 7.0, 7.0, 7.0 };

        var value = f.CompileGradient()(X, [], gradient);

        Assert.Equal(X[0] * X[1], value);
        Assert.Equal([X[1], X[0], 0.0], gradient);
        Assert.Equal([X[1], X[0], 0.0], f.Grad().Compile()(X, []));
    }

    [Fact]
    public void A_sum_over_an_empty_parameter_array_is_zero_with_an_empty_gradient()
    {
        Expression<Func<double[], double>> f = x => x.Sum(v => v * v);

        Assert.Equal(0.0, f.CompileGradient()([], []));
        Assert.Empty(f.Grad().Compile()([]));
    }

    [Fact]
    public void A_sum_whose_filter_keeps_nothing_is_zero_with_a_zero_gradient()
    {
        Expression<Func<double[], double>> f = x => x.Where(v => v > 100).Sum(v => v * v);
        var gradient = new[] { 7.0, 7.0, 7.0 };

        Assert.Equal(0.0, f.CompileGradient()(X, gradient));
        Assert.Equal([0.0, 0.0, 0.0], gradient);
    }

    [Fact]
    public void Average_of_an_empty_range_throws_InvalidOperationException_from_the_compiled_gradient_as_LINQ_does()
    {
        Expression<Func<double[], double>> f = x => x[0] * Enumerable.Range(0, 0).Average(i => x[i]);

        Assert.Throws<InvalidOperationException>(() => f.Compile()(X));
        Assert.Throws<InvalidOperationException>(() => f.CompileGradient()(X, new double[3]));
        Assert.Throws<InvalidOperationException>(() => f.GradientExpression().Compile(preferInterpretation: true)(X, new double[3]));
        Assert.Throws<InvalidOperationException>(() => f.Grad().Compile()(X));
    }

    [Fact]
    public void Average_of_an_empty_data_array_throws_InvalidOperationException_from_the_compiled_gradient()
    {
        Expression<Func<double[], double[], double>> f = (w, xs) => xs.Average(v => Math.Pow(w[0] * v - w[1], 2));

        Assert.Throws<InvalidOperationException>(() => f.Compile()(X, []));
        Assert.Throws<InvalidOperationException>(() => f.CompileGradient()(X, [], new double[3]));
    }

    [Fact]
    public void Average_over_a_filter_that_keeps_nothing_throws_InvalidOperationException()
    {
        Expression<Func<double[], double>> f = x => x.Where(v => v > 100).Average();

        Assert.Throws<InvalidOperationException>(() => f.Compile()(X));
        Assert.Throws<InvalidOperationException>(() => f.CompileGradient()(X, new double[3]));
    }

    [Fact]
    public void Grad_of_a_model_with_an_empty_average_throws_even_where_the_gradient_does_not_need_its_value()
    {
        // f is undefined (LINQ throws), so no gradient is the right one to return.
        Expression<Func<double[], double>> f = x => x[0] + Enumerable.Range(0, 0).Average(i => x[i]);

        Assert.Throws<InvalidOperationException>(() => f.Compile()(X));
        Assert.Throws<InvalidOperationException>(() => f.Grad().Compile()(X));
    }

    [Fact]
    public void Partial_through_an_empty_average_throws_InvalidOperationException()
    {
        Expression<Func<double, double[], double>> f = (a, xs) => a + xs.Average(v => v * a);
        var derivative = (Expression<Func<double, double[], double>>)f.Partial(0);

        Assert.Throws<InvalidOperationException>(() => f.Compile()(1.0, []));
        Assert.Throws<InvalidOperationException>(() => derivative.Compile()(1.0, []));
    }

    [Fact]
    public void Average_of_nothing_throws_even_when_every_term_would_be_zero()
    {
        Expression<Func<double[], double[], double>> f = (w, xs) => w[0] + xs.Average(v => 0.0);

        Assert.Throws<InvalidOperationException>(() => f.Compile()([2.0], []));
        Assert.Throws<InvalidOperationException>(() => f.CompileGradient()([2.0], [], new double[1]));
    }

    [Fact]
    public void Average_of_nothing_throws_even_when_the_terms_cancel()
    {
        Expression<Func<double[], double>> f = x => x.Average(v => v - v);

        Assert.Throws<InvalidOperationException>(() => f.Compile()([]));
        Assert.Throws<InvalidOperationException>(() => f.CompileGradient()([], []));
    }

    [Fact]
    public void An_empty_average_that_a_filter_skips_is_never_evaluated_by_the_gradient()
    {
        // Found by the random-model property: the filter excludes i = 0, whose inner average is empty, so
        // LINQ never evaluates it; the gradient must not check its emptiness outside the filter either.
        Expression<Func<double[], double[], double>> f = (x, data) =>
            Enumerable.Range(0, Math.Min(x.Length, data.Length)).Where(p => data[p] > 0).Sum(i => Enumerable.Range(0, i).Average(j => x[i]));
        double[] x = [1.43, -0.59, 0.31], data = [-0.95, 0.33, 1.2];

        var gradient = new double[3];
        var value = f.CompileGradient()(x, data, gradient);

        Assert.Equal(f.Compile()(x, data), value, 1e-15);
        Assert.Equal([0, 1, 1], gradient);
    }
}
