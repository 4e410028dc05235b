using Symbolic.Tests.Linq.Support;

namespace Symbolic.Tests.Linq;

/// <summary>Select with and without index, Where on data and on the index, and query syntax, against the sums written out.</summary>
public class SelectAndWhereTests
{
    private static readonly double[] X = [0.5, -1.25, 2.0, 0.75, 1.5, -0.375];

    [Fact]
    public void Select_with_an_index_passes_the_position_of_each_element() =>
        LinqAssert.MatchesExpansion(
            x => x.Select((v, i) => v * v * (i + 1)).Sum(),
            x => x[0] * x[0] * 1 + x[1] * x[1] * 2 + x[2] * x[2] * 3,
            [0.5, -1.25, 2.0]);

    [Fact]
    public void Select_with_an_index_over_a_range_with_a_nonzero_start_counts_positions_from_zero() =>
        LinqAssert.MatchesExpansion(
            x => Enumerable.Range(1, 3).Select((i, k) => x[i] * x[i] * k).Sum(),
            x => x[1] * x[1] * 0 + x[2] * x[2] * 1 + x[3] * x[3] * 2,
            X);

    [Fact]
    public void Select_after_Select_composes_the_selectors() =>
        LinqAssert.MatchesExpansion(
            x => x.Select(v => v * v).Select((s, i) => Math.Sin(s) * i).Sum(),
            x => Math.Sin(x[0] * x[0]) * 0 + Math.Sin(x[1] * x[1]) * 1 + Math.Sin(x[2] * x[2]) * 2,
            [0.5, -1.25, 2.0]);

    [Fact]
    public void Where_on_the_data_keeps_only_the_terms_whose_data_passes() =>
        LinqAssert.MatchesExpansion<double[]>(
            (w, xs) => xs.Where(v => v > 0).Sum(v => Math.Pow(w[0] * v - w[1], 2)),
            (w, xs) => Math.Pow(w[0] * xs[0] - w[1], 2) + Math.Pow(w[0] * xs[2] - w[1], 2),
            [0.75, -0.5],
            [1.5, -2.5, 3.0, -0.5]);

    [Fact]
    public void Where_on_the_parameters_selects_terms_without_being_differentiated() =>
        LinqAssert.MatchesExpansion(
            x => x.Where(v => v > 0).Sum(v => v * v * v),
            x => x[0] * x[0] * x[0] + x[2] * x[2] * x[2] + x[3] * x[3] * x[3] + x[4] * x[4] * x[4],
            X);

    [Fact]
    public void Where_on_the_index_keeps_the_terms_at_even_positions() =>
        LinqAssert.MatchesExpansion(
            x => x.Where((v, i) => i % 2 == 0).Sum(v => Math.Cos(v) * v),
            x => Math.Cos(x[0]) * x[0] + Math.Cos(x[2]) * x[2] + Math.Cos(x[4]) * x[4],
            X);

    [Fact]
    public void Where_on_the_index_of_a_range_with_a_nonzero_start_tests_positions_not_values() =>
        LinqAssert.MatchesExpansion(
            x => Enumerable.Range(1, 4).Where((i, k) => k % 2 == 1).Sum(i => x[i] * x[i]),
            x => x[2] * x[2] + x[4] * x[4],
            X);

    [Fact]
    public void Two_Where_clauses_keep_the_terms_that_pass_both() =>
        LinqAssert.MatchesExpansion(
            x => Enumerable.Range(0, x.Length).Where(i => i > 0).Where(i => x[i] < 1).Sum(i => Math.Exp(x[i])),
            x => Math.Exp(x[1]) + Math.Exp(x[3]) + Math.Exp(x[5]),
            X);

    [Fact]
    public void Query_syntax_with_where_and_select_is_the_sum_of_the_selected_terms() =>
        LinqAssert.MatchesExpansion(
            x => (from i in Enumerable.Range(0, x.Length) where i % 2 == 0 select x[i] * x[i + 1]).Sum(),
            x => x[0] * x[1] + x[2] * x[3] + x[4] * x[5],
            X);

    [Fact]
    public void A_Where_on_the_index_guards_the_reads_of_the_terms_it_drops() =>
        // i = 5 is dropped, so x[6] is never read (LINQ evaluates the selector only for kept elements).
        LinqAssert.MatchesExpansion(
            x => Enumerable.Range(0, x.Length).Where(i => i < x.Length - 1).Sum(i => x[i] * x[i + 1]),
            x => x[0] * x[1] + x[1] * x[2] + x[2] * x[3] + x[3] * x[4] + x[4] * x[5],
            X);

    [Fact]
    public void Query_syntax_over_a_data_array_filters_on_the_data() =>
        LinqAssert.MatchesExpansion<double[]>(
            (w, xs) => (from v in xs where v < 2 select Math.Log(1 + Math.Exp(w[0] * v + w[1]))).Sum(),
            (w, xs) => Math.Log(1 + Math.Exp(w[0] * xs[0] + w[1])) + Math.Log(1 + Math.Exp(w[0] * xs[2] + w[1])),
            [0.75, -0.5],
            [1.5, 2.5, -0.5]);
}
