using System.Linq.Expressions;
using Symbolic.Tests.Linq.Support;

namespace Symbolic.Tests.Linq;

/// <summary>Max and Min over sequences: the derivative flows through the selected term only (ties go to the first, as LINQ's).</summary>
public class MaxAndMinTests
{
    private static readonly double[] X = [0.5, -1.25, 2.0, 0.75, 1.5, -0.375];

    [Fact]
    public void Max_with_a_selector_is_differentiated_through_the_largest_term() =>
        // The squares are 0.25, 1.5625, 4, 0.5625, 2.25, 0.140625: the largest is at 2.
        LinqAssert.MatchesExpansion(
            x => Enumerable.Range(0, x.Length).Max(i => x[i] * x[i]),
            x => x[2] * x[2],
            X);

    [Fact]
    public void Min_with_a_selector_is_differentiated_through_the_smallest_term() =>
        LinqAssert.MatchesExpansion(
            x => x.Min(v => Math.Sin(v)),
            x => Math.Sin(x[1]),
            X);

    [Fact]
    public void Max_of_the_parameters_themselves_has_a_one_at_the_largest() =>
        LinqAssert.MatchesExpansion(x => x.Max(), x => x[2], X);

    [Fact]
    public void Max_over_data_selects_the_row_with_the_largest_loss() =>
        LinqAssert.MatchesExpansion<double[]>(
            (w, xs) => xs.Max(v => Math.Pow(w[0] * v - w[1], 2)),
            (w, xs) => Math.Pow(w[0] * xs[0] - w[1], 2),
            [0.75, -0.5],
            [1.5, -2.5, 0.25]);

    [Fact]
    public void A_tie_is_resolved_to_the_first_index_as_LINQ_returns_it()
    {
        // x[0]² = x[2]² = 4: LINQ's Max returns the first, and the subgradient follows it.
        var gradient = Calculus.Grad(x => Enumerable.Range(0, x.Length).Max(i => x[i] * x[i])).Compile()([2.0, 1.0, -2.0]);

        Assert.Equal([4.0, 0.0, 0.0], gradient);
    }

    [Fact]
    public void Max_of_an_empty_sequence_throws_InvalidOperationException_as_LINQ_does()
    {
        Expression<Func<double[], double>> f = x => x.Max(v => v * v);

        Assert.Throws<InvalidOperationException>(() => f.Compile()([]));
        Assert.Throws<InvalidOperationException>(() => f.CompileGradient()([], []));
    }

    [Fact]
    public void A_sum_of_row_maxima_over_a_rectangular_array_is_differentiated_through_each_rows_maximum() =>
        LinqAssert.MatchesExpansion<double[,]>(
            (w, a) => Enumerable.Range(0, a.GetLength(0)).Sum(i => Enumerable.Range(0, a.GetLength(1)).Max(j => a[i, j] * w[j])),
            (w, a) => a[0, 2] * w[2] + a[1, 0] * w[0],
            [0.75, -0.5, 1.25],
            new double[,] { { 1.5, -0.5, 2.0 }, { 2.0, 1.0, -1.5 } });

    [Fact]
    public void Partial_through_a_maximum_over_data_follows_the_selected_term() =>
        PartialAssert.MatchesExpansion<double[]>(
            (a, xs) => xs.Max(v => Math.Sin(a * v)),
            (a, xs) => Math.Sin(a * xs[1]),
            0.7,
            [1.5, 2.0, -0.5]);
}
