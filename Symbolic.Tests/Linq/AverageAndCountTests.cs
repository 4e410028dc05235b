using Symbolic.Tests.Linq.Support;

namespace Symbolic.Tests.Linq;

/// <summary>Average divides by the number of kept elements; Count counts them and is flat.</summary>
public class AverageAndCountTests
{
    private static readonly double[] X = [0.5, -1.25, 2.0, 0.75, 1.5, -0.375];

    [Fact]
    public void Average_with_a_selector_is_the_sum_divided_by_the_length() =>
        LinqAssert.MatchesExpansion(
            x => x.Average(v => v * v),
            x => (x[0] * x[0] + x[1] * x[1] + x[2] * x[2] + x[3] * x[3]) / 4,
            [0.5, -1.25, 2.0, 0.75]);

    [Fact]
    public void Average_of_a_selected_sequence_is_the_mean_of_the_selected_values() =>
        LinqAssert.MatchesExpansion(
            x => Enumerable.Range(1, 3).Select(i => Math.Sin(x[i] - x[i - 1])).Average(),
            x => (Math.Sin(x[1] - x[0]) + Math.Sin(x[2] - x[1]) + Math.Sin(x[3] - x[2])) / 3,
            X);

    [Fact]
    public void Average_after_Where_divides_by_the_number_of_kept_elements() =>
        LinqAssert.MatchesExpansion(
            x => x.Where((v, i) => i > 2).Average(v => Math.Exp(v)),
            x => (Math.Exp(x[3]) + Math.Exp(x[4]) + Math.Exp(x[5])) / 3,
            X);

    [Fact]
    public void Average_over_data_filtered_on_the_data_divides_by_the_kept_count() =>
        LinqAssert.MatchesExpansion<double[]>(
            (w, xs) => xs.Where(v => v > 0).Average(v => Math.Pow(w[0] * v - 1, 2)),
            (w, xs) => (Math.Pow(w[0] * xs[0] - 1, 2) + Math.Pow(w[0] * xs[2] - 1, 2)) / 2,
            [0.75],
            [1.5, -2.5, 3.0]);

    [Fact]
    public void Average_of_a_Zip_is_the_mean_squared_error_with_its_hand_written_gradient()
    {
        double[] xs = [0.5, 1.0, 1.5, 2.0, 2.5];
        double[] ys = [2.25, 2.5, 4.0, 5.5, 5.75];
        double[] w = [1.25, 0.5];
        var model = ModelViews.Of<double[], double[]>(
            (w, xs, ys) => xs.Zip(ys, (x, y) => Math.Pow(w[0] * x + w[1] - y, 2)).Average(), xs, ys);
        var residuals = xs.Zip(ys, (x, y) => w[0] * x + w[1] - y).ToArray();
        double[] expected = [residuals.Zip(xs, (r, x) => 2 * r * x).Sum() / xs.Length, residuals.Sum(r => 2 * r) / xs.Length];

        LinqAssert.HasGradient(model, w, expected);
    }

    [Fact]
    public void Count_is_the_number_of_elements_and_contributes_no_derivative() =>
        LinqAssert.MatchesExpansion(
            x => x[0] * x[1] * x.Count(),
            x => x[0] * x[1] * 6,
            X);

    [Fact]
    public void Count_with_a_predicate_on_the_parameters_counts_without_being_differentiated() =>
        LinqAssert.MatchesExpansion(
            x => x[0] * x[0] * x.Count(v => v > 0),
            x => x[0] * x[0] * 4,
            X);

    [Fact]
    public void Count_after_Where_on_the_data_scales_the_model_by_the_kept_count() =>
        LinqAssert.MatchesExpansion<double[]>(
            (w, xs) => Math.Exp(w[0]) * xs.Where(v => v < 0).Count(),
            (w, xs) => Math.Exp(w[0]) * 2,
            [0.75],
            [1.5, -2.5, 3.0, -0.5]);

    [Fact]
    public void A_sum_divided_by_a_Count_is_the_same_as_Average() =>
        LinqAssert.MatchesExpansion(
            x => x.Sum(v => v * v) / x.Count(),
            x => (x[0] * x[0] + x[1] * x[1] + x[2] * x[2]) / 3,
            [0.5, -1.25, 2.0]);

    [Fact]
    public void An_integer_Sum_that_does_not_read_the_parameters_is_a_constant_factor() =>
        LinqAssert.MatchesExpansion(
            x => x[0] * x[1] * Enumerable.Range(1, 4).Sum(),
            x => x[0] * x[1] * 10,
            X);

    [Fact]
    public void An_integer_Average_that_does_not_read_the_parameters_is_a_constant_factor() =>
        LinqAssert.MatchesExpansion(
            x => x[0] * x[1] * Enumerable.Range(1, 4).Average(i => i * i),
            x => x[0] * x[1] * 7.5,
            X);
}
