using System.Linq.Expressions;

namespace Symbolic.Tests.Linq;

/// <summary>A read outside an array throws IndexOutOfRangeException from the compiled code, as .NET's compilation of the model does: never a wrong answer.</summary>
public class OutOfRangeTests
{
    private static readonly double[] X = [0.5, -1.25, 2.0, 0.75];

    private static void AllThrow<TException>(Expression<Func<double[], double>> f, double[] x) where TException : Exception
    {
        Assert.Throws<TException>(() => f.Compile()(x));
        Assert.Throws<TException>(() => f.CompileGradient()(x, new double[x.Length]));
        Assert.Throws<TException>(() => f.GradientExpression().Compile(preferInterpretation: true)(x, new double[x.Length]));
        Assert.Throws<TException>(() => f.Grad().Compile()(x));
        Assert.Throws<TException>(() => f.Grad().Compile(preferInterpretation: true)(x));
    }

    [Fact]
    public void Reading_one_past_the_end_of_the_parameters_throws() =>
        AllThrow<IndexOutOfRangeException>(x => Enumerable.Range(0, x.Length).Sum(i => x[i] * x[i + 1]), X);

    [Fact]
    public void A_linear_read_past_the_end_whose_derivative_is_constant_still_throws() =>
        AllThrow<IndexOutOfRangeException>(x => Enumerable.Range(0, x.Length).Sum(i => x[i + 1]), X);

    [Fact]
    public void A_read_past_the_end_that_cancels_algebraically_still_throws() =>
        AllThrow<IndexOutOfRangeException>(x => Enumerable.Range(0, x.Length).Sum(i => x[i] + x[i + 1] - x[i + 1]), X);

    [Fact]
    public void Reading_before_the_start_of_the_parameters_throws() =>
        AllThrow<IndexOutOfRangeException>(x => Enumerable.Range(0, 3).Sum(i => x[i - 1] * x[i]), X);

    [Fact]
    public void Reading_past_the_end_of_a_captured_data_array_throws()
    {
        double[] data = [1.5, 2.5, -0.5];
        AllThrow<IndexOutOfRangeException>(x => Enumerable.Range(0, x.Length).Sum(i => x[i] * x[i] * data[i]), X);
    }

    [Fact]
    public void A_data_dependent_index_past_the_end_of_the_parameters_throws()
    {
        Expression<Func<double[], int[], double>> f = (w, idx) => idx.Sum(k => w[k] * w[k]);
        int[] idx = [0, 4];

        Assert.Throws<IndexOutOfRangeException>(() => f.Compile()(X, idx));
        Assert.Throws<IndexOutOfRangeException>(() => f.CompileGradient()(X, idx, new double[X.Length]));
        Assert.Throws<IndexOutOfRangeException>(() => f.Grad().Compile()(X, idx));
    }

    [Fact]
    public void A_negative_data_dependent_index_throws()
    {
        Expression<Func<double[], int[], double>> f = (w, idx) => idx.Sum(k => Math.Sin(w[k]));

        Assert.Throws<IndexOutOfRangeException>(() => f.CompileGradient()(X, [1, -1], new double[X.Length]));
        Assert.Throws<IndexOutOfRangeException>(() => f.Grad().Compile()(X, [1, -1]));
    }

    [Fact]
    public void Reading_a_row_of_a_rectangular_array_that_does_not_exist_throws()
    {
        Expression<Func<double[], double[,], double>> f = (w, a) => Enumerable.Range(0, 3).Sum(i => w[0] * w[0] * a[i, 0]);
        var a = new double[,] { { 1 }, { 2 } };

        Assert.Throws<IndexOutOfRangeException>(() => f.Compile()(X, a));
        Assert.Throws<IndexOutOfRangeException>(() => f.CompileGradient()(X, a, new double[X.Length]));
        Assert.Throws<IndexOutOfRangeException>(() => f.Grad().Compile()(X, a));
    }

    [Fact]
    public void Grad_throws_for_a_data_read_past_the_end_even_where_the_gradient_does_not_need_the_value()
    {
        // f is undefined (LINQ throws), so no gradient is the right one to return.
        double[] data = [1.5, 2.5, -0.5];
        AllThrow<IndexOutOfRangeException>(x => Enumerable.Range(0, 4).Sum(i => x[0] + data[i]), X);
    }

    [Fact]
    public void A_range_with_a_negative_count_throws_ArgumentOutOfRangeException_as_LINQ_does() =>
        AllThrow<ArgumentOutOfRangeException>(x => Enumerable.Range(0, x.Length - 2).Sum(i => x[i] * x[i + 1]), [0.5]);

    [Fact]
    public void Count_of_a_range_with_a_negative_count_throws_ArgumentOutOfRangeException_as_LINQ_does() =>
        AllThrow<ArgumentOutOfRangeException>(x => x[0] * Enumerable.Range(0, x.Length - 2).Count(), [0.5]);
}
