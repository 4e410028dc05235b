using Symbolic.Tests.Linq.Support;

namespace Symbolic.Tests.Linq;

/// <summary>Partial with respect to a scalar parameter, through sums over data (forward mode), for each LINQ form.</summary>
public class ForwardModeTests
{
    private static readonly double[] Data = [1.5, 2.5, -0.5, 0.75];

    [Fact]
    public void A_sum_over_a_data_array_is_differentiated_term_by_term() =>
        PartialAssert.MatchesExpansion<double[]>(
            (a, xs) => xs.Sum(v => Math.Pow(a * v - 1, 2)),
            (a, xs) => Math.Pow(a * xs[0] - 1, 2) + Math.Pow(a * xs[1] - 1, 2) + Math.Pow(a * xs[2] - 1, 2) + Math.Pow(a * xs[3] - 1, 2),
            0.7, Data);

    [Fact]
    public void A_range_with_a_nonzero_start_over_data_is_differentiated_term_by_term() =>
        PartialAssert.MatchesExpansion<double[]>(
            (a, xs) => Enumerable.Range(1, 3).Sum(i => Math.Sin(a * xs[i] * xs[i - 1])),
            (a, xs) => Math.Sin(a * xs[1] * xs[0]) + Math.Sin(a * xs[2] * xs[1]) + Math.Sin(a * xs[3] * xs[2]),
            0.7, Data);

    [Fact]
    public void Select_with_an_index_is_differentiated_with_the_index_as_a_constant() =>
        PartialAssert.MatchesExpansion<double[]>(
            (a, xs) => xs.Select((v, i) => Math.Exp(a * v * i)).Sum(),
            (a, xs) => Math.Exp(a * xs[0] * 0) + Math.Exp(a * xs[1] * 1) + Math.Exp(a * xs[2] * 2) + Math.Exp(a * xs[3] * 3),
            0.3, Data);

    [Fact]
    public void Where_on_the_data_drops_the_terms_it_filters_out() =>
        PartialAssert.MatchesExpansion<double[]>(
            (a, xs) => xs.Where(v => v > 1).Sum(v => Math.Log(1 + a * a * v)),
            (a, xs) => Math.Log(1 + a * a * xs[0]) + Math.Log(1 + a * a * xs[1]),
            0.7, Data);

    [Fact]
    public void Where_on_the_index_drops_the_terms_at_odd_positions() =>
        PartialAssert.MatchesExpansion<double[]>(
            (a, xs) => xs.Where((v, i) => i % 2 == 0).Sum(v => Math.Cos(a * v)),
            (a, xs) => Math.Cos(a * xs[0]) + Math.Cos(a * xs[2]),
            0.7, Data);

    [Fact]
    public void Query_syntax_is_differentiated_like_the_method_calls_it_stands_for() =>
        PartialAssert.MatchesExpansion<double[]>(
            (a, xs) => (from i in Enumerable.Range(0, xs.Length) where i % 2 == 1 select Math.Tanh(a * xs[i])).Sum(),
            (a, xs) => Math.Tanh(a * xs[1]) + Math.Tanh(a * xs[3]),
            0.7, Data);

    [Fact]
    public void Zip_of_unequal_lengths_is_differentiated_over_the_shorter() =>
        PartialAssert.MatchesExpansion<double[]>(
            (a, xs) => xs.Zip(Enumerable.Range(0, 2), (v, i) => Math.Exp(a * v * (i + 1))).Sum(),
            (a, xs) => Math.Exp(a * xs[0] * 1) + Math.Exp(a * xs[1] * 2),
            0.3, Data);

    [Fact]
    public void Average_is_differentiated_as_the_mean_of_the_derivatives() =>
        PartialAssert.MatchesExpansion<double[]>(
            (a, xs) => xs.Average(v => Math.Sin(a * v)),
            (a, xs) => (Math.Sin(a * xs[0]) + Math.Sin(a * xs[1]) + Math.Sin(a * xs[2]) + Math.Sin(a * xs[3])) / 4,
            0.7, Data);

    [Fact]
    public void Count_is_a_constant_factor() =>
        PartialAssert.MatchesExpansion<double[]>(
            (a, xs) => a * a * xs.Count(v => v > 0),
            (a, xs) => a * a * 3,
            0.7, Data);

    [Fact]
    public void A_double_sum_over_a_rectangular_array_is_differentiated_through_both_loops() =>
        PartialAssert.MatchesExpansion<double[,]>(
            (a, m) => Enumerable.Range(0, m.GetLength(0)).Sum(i => Math.Pow(Enumerable.Range(0, m.GetLength(1)).Sum(j => a * m[i, j]) - 1, 2)),
            (a, m) => Math.Pow(a * m[0, 0] + a * m[0, 1] - 1, 2) + Math.Pow(a * m[1, 0] + a * m[1, 1] - 1, 2),
            0.7, new double[,] { { 1.5, -0.5 }, { 0.25, 1.0 } });

    [Fact]
    public void A_double_sum_over_jagged_rows_is_differentiated_through_both_loops() =>
        PartialAssert.MatchesExpansion<double[][]>(
            (a, rows) => rows.Sum(row => Math.Exp(row.Sum(v => a * v))),
            (a, rows) => Math.Exp(a * rows[0][0] + a * rows[0][1] + a * rows[0][2]) + Math.Exp(a * rows[1][0]),
            0.7, [[1.5, -0.5, 2.0], [0.25]]);

    [Fact]
    public void A_triangular_double_sum_is_differentiated_through_both_loops() =>
        PartialAssert.MatchesExpansion<double[]>(
            (a, xs) => Enumerable.Range(0, xs.Length).Sum(i => Enumerable.Range(0, i).Sum(j => Math.Sin(a * xs[i] * xs[j]))),
            (a, xs) => Math.Sin(a * xs[1] * xs[0]) + Math.Sin(a * xs[2] * xs[0]) + Math.Sin(a * xs[2] * xs[1])
                     + Math.Sin(a * xs[3] * xs[0]) + Math.Sin(a * xs[3] * xs[1]) + Math.Sin(a * xs[3] * xs[2]),
            0.7, Data);

    [Fact]
    public void A_data_dependent_index_into_data_is_differentiated_term_by_term() =>
        PartialAssert.MatchesExpansion<int[]>(
            (a, idx) => Enumerable.Range(0, idx.Length).Sum(i => Math.Exp(a * Data[idx[i]])),
            (a, idx) => Math.Exp(a * Data[2]) + Math.Exp(a * Data[0]) + Math.Exp(a * Data[2]),
            0.7, [2, 0, 2]);
}
