using Symbolic.Tests.Linq.Support;

namespace Symbolic.Tests.Linq;

/// <summary>Sums over Enumerable.Range and over arrays, against the same sums written out.</summary>
public class RangeAndArraySourceTests
{
    private static readonly double[] X = [0.5, -1.25, 2.0, 0.75, 1.5, -0.375];

    [Fact]
    public void A_range_with_a_nonzero_start_sums_the_same_terms_as_the_written_out_sum() =>
        LinqAssert.MatchesExpansion(
            x => Enumerable.Range(2, 3).Sum(i => x[i] * x[i - 1]),
            x => x[2] * x[1] + x[3] * x[2] + x[4] * x[3],
            X);

    [Fact]
    public void A_range_over_the_array_length_reads_every_element() =>
        LinqAssert.MatchesExpansion(
            x => Enumerable.Range(0, x.Length).Sum(i => Math.Sin(x[i]) * x[i]),
            x => Math.Sin(x[0]) * x[0] + Math.Sin(x[1]) * x[1] + Math.Sin(x[2]) * x[2] + Math.Sin(x[3]) * x[3],
            [0.5, -1.25, 2.0, 0.75]);

    [Fact]
    public void The_loop_index_used_as_a_number_weights_the_terms() =>
        LinqAssert.MatchesExpansion(
            x => Enumerable.Range(1, 3).Sum(i => i * x[i] * x[i]),
            x => 1 * x[1] * x[1] + 2 * x[2] * x[2] + 3 * x[3] * x[3],
            X);

    [Fact]
    public void The_parameter_array_itself_as_a_source_sums_its_elements() =>
        LinqAssert.MatchesExpansion(
            x => x.Sum(v => v * v * v),
            x => x[0] * x[0] * x[0] + x[1] * x[1] * x[1] + x[2] * x[2] * x[2],
            [0.5, -1.25, 2.0]);

    [Fact]
    public void Select_without_an_index_then_Sum_is_the_sum_of_the_selected_values() =>
        LinqAssert.MatchesExpansion(
            x => x.Select(v => Math.Exp(-v * v)).Sum(),
            x => Math.Exp(-x[0] * x[0]) + Math.Exp(-x[1] * x[1]) + Math.Exp(-x[2] * x[2]),
            [0.5, -1.25, 2.0]);

    [Fact]
    public void A_data_array_as_a_source_is_summed_but_not_differentiated() =>
        LinqAssert.MatchesExpansion<double[]>(
            (w, xs) => xs.Sum(v => Math.Pow(w[0] * v + w[1], 2)),
            (w, xs) => Math.Pow(w[0] * xs[0] + w[1], 2) + Math.Pow(w[0] * xs[1] + w[1], 2) + Math.Pow(w[0] * xs[2] + w[1], 2),
            [0.75, -0.5],
            [1.5, 2.5, -0.5]);

    [Fact]
    public void A_sum_inside_a_nonlinear_function_is_differentiated_through() =>
        LinqAssert.MatchesExpansion(
            x => Math.Log(1 + Enumerable.Range(0, 3).Sum(i => x[i] * x[i])),
            x => Math.Log(1 + (x[0] * x[0] + x[1] * x[1] + x[2] * x[2])),
            X);

    [Fact]
    public void Two_sums_over_different_ranges_multiplied_together_are_differentiated_by_the_product_rule() =>
        LinqAssert.MatchesExpansion(
            x => Enumerable.Range(0, 3).Sum(i => x[i]) * Enumerable.Range(3, 3).Sum(i => x[i] * x[i]),
            x => (x[0] + x[1] + x[2]) * (x[3] * x[3] + x[4] * x[4] + x[5] * x[5]),
            X);

    [Fact]
    public void A_sum_mixed_with_constant_index_reads_of_the_same_array_adds_both_contributions() =>
        LinqAssert.MatchesExpansion(
            x => x[0] * Enumerable.Range(0, 4).Sum(i => x[i] * x[0]) + x[1],
            x => x[0] * (x[0] * x[0] + x[1] * x[0] + x[2] * x[0] + x[3] * x[0]) + x[1],
            X);
}
