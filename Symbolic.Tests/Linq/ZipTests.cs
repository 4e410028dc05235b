using Symbolic.Tests.Linq.Support;

namespace Symbolic.Tests.Linq;

/// <summary>Zip of two and three sequences: pairs by position, stops at the shortest, as LINQ does.</summary>
public class ZipTests
{
    private static readonly double[] X = [0.5, -1.25, 2.0, 0.75, 1.5, -0.375];

    [Fact]
    public void Zip_of_the_parameters_with_a_shorter_data_array_uses_only_the_first_elements() =>
        LinqAssert.MatchesExpansion<double[]>(
            (w, ys) => w.Zip(ys, (v, y) => Math.Pow(v - y, 2) * v).Sum(),
            (w, ys) => Math.Pow(w[0] - ys[0], 2) * w[0] + Math.Pow(w[1] - ys[1], 2) * w[1],
            X,
            [1.5, 2.5]);

    [Fact]
    public void Zip_of_a_short_data_array_with_the_parameters_uses_only_the_first_elements() =>
        LinqAssert.MatchesExpansion<double[]>(
            (w, ys) => ys.Zip(w, (y, v) => Math.Sin(v * y)).Sum(),
            (w, ys) => Math.Sin(w[0] * ys[0]) + Math.Sin(w[1] * ys[1]) + Math.Sin(w[2] * ys[2]),
            X,
            [1.5, 2.5, -0.5]);

    [Fact]
    public void Zip_with_a_longer_data_array_stops_at_the_end_of_the_parameters() =>
        LinqAssert.MatchesExpansion<double[]>(
            (w, ys) => w.Zip(ys, (v, y) => v * v * y).Sum(),
            (w, ys) => w[0] * w[0] * ys[0] + w[1] * w[1] * ys[1] + w[2] * w[2] * ys[2],
            [0.5, -1.25, 2.0],
            [1.5, 2.5, -0.5, 4.0, 7.0]);

    [Fact]
    public void Zip_of_a_range_with_a_nonzero_start_and_an_array_pairs_values_by_position() =>
        LinqAssert.MatchesExpansion(
            x => Enumerable.Range(2, 3).Zip(x, (i, v) => v * x[i]).Sum(),
            x => x[0] * x[2] + x[1] * x[3] + x[2] * x[4],
            X);

    [Fact]
    public void Zip_of_an_indexed_Select_and_an_array_pairs_each_value_with_its_position() =>
        LinqAssert.MatchesExpansion(
            x => x.Select((v, i) => v * i).Zip(x, (a, b) => a * b).Sum(),
            x => x[0] * 0 * x[0] + x[1] * 1 * x[1] + x[2] * 2 * x[2],
            [0.5, -1.25, 2.0]);

    [Fact]
    public void Zip_of_two_data_arrays_gives_the_hand_written_gradient_of_least_squares()
    {
        double[] xs = [0.5, 1.0, 1.5, 2.0];
        double[] ys = [2.25, 2.5, 4.0, 5.5];
        double[] w = [1.25, 0.5];
        var model = ModelViews.Of<double[], double[]>(
            (w, xs, ys) => xs.Zip(ys, (x, y) => Math.Pow(w[0] * x + w[1] - y, 2)).Sum(), xs, ys);
        // ∂/∂w₀ = Σ 2 r x, ∂/∂w₁ = Σ 2 r, with r = w₀ x + w₁ − y.
        var residuals = xs.Zip(ys, (x, y) => w[0] * x + w[1] - y).ToArray();
        double[] expected = [residuals.Zip(xs, (r, x) => 2 * r * x).Sum(), residuals.Sum(r => 2 * r)];

        LinqAssert.HasGradient(model, w, expected);
    }

    [Fact]
    public void Zip_in_query_form_over_two_data_arrays_matches_the_written_out_loss() =>
        LinqAssert.MatchesExpansion<double[], double[]>(
            (w, xs, ys) => (from p in xs.Zip(ys, (x, y) => Math.Log(1 + Math.Exp(-y * (w[0] * x + w[1])))) select p).Sum(),
            (w, xs, ys) => Math.Log(1 + Math.Exp(-ys[0] * (w[0] * xs[0] + w[1]))) + Math.Log(1 + Math.Exp(-ys[1] * (w[0] * xs[1] + w[1]))),
            [0.75, -0.5],
            [1.5, -2.5],
            [1.0, -1.0]);

    [Fact]
    public void Zip_of_two_sequences_into_tuples_reads_First_and_Second() =>
        LinqAssert.MatchesExpansion<double[]>(
            (w, ys) => w.Zip(ys).Sum(t => Math.Exp(t.First * t.Second)),
            (w, ys) => Math.Exp(w[0] * ys[0]) + Math.Exp(w[1] * ys[1]),
            X,
            [1.5, -0.5]);

    [Fact]
    public void Zip_of_three_sequences_of_unequal_lengths_stops_at_the_shortest() =>
        LinqAssert.MatchesExpansion<double[], double[]>(
            (w, xs, ys) => w.Zip(xs, ys).Sum(t => Math.Pow(t.First * t.Second - t.Third, 2)),
            (w, xs, ys) => Math.Pow(w[0] * xs[0] - ys[0], 2) + Math.Pow(w[1] * xs[1] - ys[1], 2),
            X,
            [1.5, -0.5, 2.0],
            [0.25, 1.0]);
}
