using System.Linq.Expressions;
using Symbolic.Tests.Linq.Support;

namespace Symbolic.Tests.Linq;

/// <summary>Data captured by a closure: read at every call, never frozen into the compiled code.</summary>
public class CapturedDataTests
{
    private static Expression<Func<double[], double>> LeastSquaresOver(double[] data) =>
        x => data.Sum(d => Math.Pow(x[0] * d - x[1], 2));

    [Fact]
    public void A_captured_data_array_is_summed_like_a_data_parameter()
    {
        double[] data = [1.5, 2.5, -0.5];
        LinqAssert.MatchesExpansion(
            x => data.Sum(d => Math.Pow(x[0] * d - x[1], 2)),
            x => Math.Pow(x[0] * data[0] - x[1], 2) + Math.Pow(x[0] * data[1] - x[1], 2) + Math.Pow(x[0] * data[2] - x[1], 2),
            [0.75, -0.5]);
    }

    [Fact]
    public void A_captured_array_indexed_by_a_range_over_its_length_is_summed_like_a_data_parameter()
    {
        double[] data = [1.5, 2.5, -0.5];
        LinqAssert.MatchesExpansion(
            x => Enumerable.Range(0, data.Length).Sum(i => Math.Exp(x[i] * data[i])),
            x => Math.Exp(x[0] * data[0]) + Math.Exp(x[1] * data[1]) + Math.Exp(x[2] * data[2]),
            [0.75, -0.5, 0.25]);
    }

    [Fact]
    public void Changing_an_element_of_the_captured_array_changes_the_compiled_value_and_gradient()
    {
        double[] data = [1.5, 2.5];
        var valueAndGradient = LeastSquaresOver(data).CompileGradient();
        var gradient = new double[2];
        valueAndGradient([1, 0], gradient);

        data[1] = -4;
        var value = valueAndGradient([1, 0], gradient);

        Assert.Equal(1.5 * 1.5 + 4 * 4, value);
        Assert.Equal([2 * 1.5 * 1.5 + 2 * -4 * -4, -2 * 1.5 - 2 * -4], gradient);
    }

    [Fact]
    public void Assigning_a_new_array_to_the_captured_variable_changes_the_compiled_value_and_gradient()
    {
        double[] data = [1.5, 2.5];
        Expression<Func<double[], double>> f = x => data.Sum(d => Math.Pow(x[0] * d - x[1], 2));
        var valueAndGradient = f.CompileGradient();
        var grad = f.Grad().Compile();

        data = [3.0];
        var gradient = new double[2];
        var value = valueAndGradient([1, 0.5], gradient);

        Assert.Equal(2.5 * 2.5, value);
        Assert.Equal([2 * 2.5 * 3, -2 * 2.5], gradient);
        Assert.Equal([2 * 2.5 * 3, -2 * 2.5], grad([1, 0.5]));
    }

    [Fact]
    public void Two_closures_over_different_arrays_compute_with_their_own_data()
    {
        var first = LeastSquaresOver([1.0, 2.0]).CompileGradient();
        var second = LeastSquaresOver([5.0]).CompileGradient();
        var gradient = new double[2];

        Assert.Equal(1.0 + 4.0, first([1, 0], gradient));
        Assert.Equal(25.0, second([1, 0], gradient));
        Assert.Equal([2 * 5.0 * 5.0, -2 * 5.0], gradient);
    }

    [Fact]
    public void A_captured_count_is_read_at_every_call()
    {
        var n = 2;
        var valueAndGradient = Calculus.CompileGradient(x => Enumerable.Range(0, n).Sum(i => x[i] * x[i]));
        var gradient = new double[3];

        n = 3;
        var value = valueAndGradient([1, 2, 3], gradient);

        Assert.Equal(14.0, value);
        Assert.Equal([2.0, 4, 6], gradient);
    }

    [Fact]
    public void A_captured_data_array_is_summed_through_Diff_with_respect_to_a_scalar()
    {
        double[] data = [1.5, 2.5, -0.5];
        PartialAssert.MatchesExpansion(
            a => data.Sum(d => Math.Exp(a * d)),
            a => Math.Exp(a * data[0]) + Math.Exp(a * data[1]) + Math.Exp(a * data[2]),
            0.3);
    }
}
