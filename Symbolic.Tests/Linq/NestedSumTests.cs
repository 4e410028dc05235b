using Symbolic.Tests.Linq.Support;

namespace Symbolic.Tests.Linq;

/// <summary>A sum inside a sum: over double[,] through GetLength, over jagged double[][], over x itself.</summary>
public class NestedSumTests
{
    private static readonly double[] X = [0.5, -1.25, 2.0, 0.75, 1.5, -0.375];

    private static readonly double[,] A = { { 1.5, -0.5, 2.0 }, { 0.25, 1.0, -1.5 } };

    private static readonly double[][] Rows = [[1.5, -0.5, 2.0], [0.25, 1.0, -1.5]];

    [Fact]
    public void A_quadratic_form_over_a_rectangular_array_matches_the_written_out_double_sum() =>
        LinqAssert.MatchesExpansion<double[,]>(
            (w, a) => Enumerable.Range(0, a.GetLength(0)).Sum(i => Enumerable.Range(0, a.GetLength(1)).Sum(j => a[i, j] * w[i] * w[j])),
            (w, a) => a[0, 0] * w[0] * w[0] + a[0, 1] * w[0] * w[1] + a[0, 2] * w[0] * w[2]
                    + a[1, 0] * w[1] * w[0] + a[1, 1] * w[1] * w[1] + a[1, 2] * w[1] * w[2],
            [0.75, -0.5, 1.25],
            A);

    [Fact]
    public void Least_squares_over_a_rectangular_array_matches_the_written_out_residuals() =>
        LinqAssert.MatchesExpansion<double[,]>(
            (w, a) => Enumerable.Range(0, a.GetLength(0)).Sum(i => Math.Pow(Enumerable.Range(0, a.GetLength(1)).Sum(j => a[i, j] * w[j]) - w[3], 2)),
            (w, a) => Math.Pow(a[0, 0] * w[0] + a[0, 1] * w[1] + a[0, 2] * w[2] - w[3], 2)
                    + Math.Pow(a[1, 0] * w[0] + a[1, 1] * w[1] + a[1, 2] * w[2] - w[3], 2),
            [0.75, -0.5, 1.25, 0.25],
            A);

    [Fact]
    public void A_jagged_array_indexed_in_a_rectangular_double_sum_matches_the_written_out_sum() =>
        LinqAssert.MatchesExpansion<double[][]>(
            (w, xs) => Enumerable.Range(0, xs.Length).Sum(i => Enumerable.Range(0, w.Length).Sum(j => xs[i][j] * w[j] * w[j])),
            (w, xs) => xs[0][0] * w[0] * w[0] + xs[0][1] * w[1] * w[1] + xs[0][2] * w[2] * w[2]
                     + xs[1][0] * w[0] * w[0] + xs[1][1] * w[1] * w[1] + xs[1][2] * w[2] * w[2],
            [0.75, -0.5, 1.25],
            Rows);

    [Fact]
    public void The_rows_of_a_jagged_array_as_inner_sources_give_a_linear_model() =>
        LinqAssert.MatchesExpansion<double[][]>(
            (w, xs) => xs.Sum(row => row.Select((v, j) => v * w[j]).Sum()),
            (w, xs) => xs[0][0] * w[0] + xs[0][1] * w[1] + xs[0][2] * w[2] + xs[1][0] * w[0] + xs[1][1] * w[1] + xs[1][2] * w[2],
            [0.75, -0.5, 1.25],
            Rows);

    [Fact]
    public void Logistic_regression_over_jagged_rows_matches_the_written_out_loss() =>
        LinqAssert.MatchesExpansion<double[][], double[]>(
            (w, xs, ys) => Enumerable.Range(0, ys.Length).Sum(i => Math.Log(1 + Math.Exp(-ys[i] * xs[i].Select((v, j) => v * w[j]).Sum()))),
            (w, xs, ys) => Math.Log(1 + Math.Exp(-ys[0] * (xs[0][0] * w[0] + xs[0][1] * w[1] + xs[0][2] * w[2])))
                         + Math.Log(1 + Math.Exp(-ys[1] * (xs[1][0] * w[0] + xs[1][1] * w[1] + xs[1][2] * w[2]))),
            [0.75, -0.5, 1.25],
            Rows,
            [1.0, -1.0]);

    [Fact]
    public void Logistic_regression_with_the_inner_product_over_the_parameter_range_matches_the_written_out_loss() =>
        LinqAssert.MatchesExpansion<double[][], double[]>(
            (w, xs, ys) => Enumerable.Range(0, ys.Length).Sum(i => Math.Log(1 + Math.Exp(-ys[i] * Enumerable.Range(0, w.Length).Sum(j => xs[i][j] * w[j])))),
            (w, xs, ys) => Math.Log(1 + Math.Exp(-ys[0] * (xs[0][0] * w[0] + xs[0][1] * w[1] + xs[0][2] * w[2])))
                         + Math.Log(1 + Math.Exp(-ys[1] * (xs[1][0] * w[0] + xs[1][1] * w[1] + xs[1][2] * w[2]))),
            [0.75, -0.5, 1.25],
            Rows,
            [1.0, -1.0]);

    [Fact]
    public void A_triangular_double_sum_whose_inner_count_is_the_outer_index_matches_the_written_out_sum() =>
        LinqAssert.MatchesExpansion(
            x => Enumerable.Range(0, 4).Sum(i => Enumerable.Range(0, i).Sum(j => x[i] * x[j])),
            x => x[1] * x[0] + x[2] * x[0] + x[2] * x[1] + x[3] * x[0] + x[3] * x[1] + x[3] * x[2],
            X);

    [Fact]
    public void An_outer_sum_of_a_function_of_an_inner_sum_that_does_not_read_the_outer_index_counts_every_outer_term() =>
        LinqAssert.MatchesExpansion(
            x => Enumerable.Range(0, 2).Sum(i => Math.Exp(Enumerable.Range(0, 2).Sum(j => x[j]))),
            x => Math.Exp(x[0] + x[1]) + Math.Exp(x[0] + x[1]),
            X);

    [Fact]
    public void An_outer_sum_of_squares_of_inner_sums_that_read_the_outer_index_matches_the_written_out_sum() =>
        LinqAssert.MatchesExpansion(
            x => Enumerable.Range(0, 2).Sum(i => Math.Pow(Enumerable.Range(0, 2).Sum(j => x[j + 2 * i]), 2)),
            x => Math.Pow(x[0] + x[1], 2) + Math.Pow(x[2] + x[3], 2),
            X);

    [Fact]
    public void An_inner_sum_multiplied_by_an_element_at_the_outer_index_matches_the_written_out_sum() =>
        LinqAssert.MatchesExpansion(
            x => Enumerable.Range(0, 3).Sum(i => x[i] * Enumerable.Range(0, 2).Sum(j => x[j + i])),
            x => x[0] * (x[0] + x[1]) + x[1] * (x[1] + x[2]) + x[2] * (x[2] + x[3]),
            X);

    [Fact]
    public void A_product_of_two_inner_sums_inside_an_outer_sum_matches_the_written_out_sum() =>
        LinqAssert.MatchesExpansion(
            x => Enumerable.Range(0, 2).Sum(i => Enumerable.Range(0, 2).Sum(j => x[j + i]) * Enumerable.Range(0, 3).Sum(k => x[k + i] * x[k])),
            x => (x[0] + x[1]) * (x[0] * x[0] + x[1] * x[1] + x[2] * x[2]) + (x[1] + x[2]) * (x[1] * x[0] + x[2] * x[1] + x[3] * x[2]),
            X);
}
