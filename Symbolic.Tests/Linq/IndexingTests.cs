using Symbolic.Tests.Linq.Support;

namespace Symbolic.Tests.Linq;

/// <summary>Indexes affine in the loop variable (x[i + 1], x[n − 1 − i]) and read from data (w[idx[i]]): the adjoint is scattered.</summary>
public class IndexingTests
{
    private static readonly double[] X = [0.5, -1.25, 2.0, 0.75, 1.5, -0.375];

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    public void Rosenbrock_written_with_x_of_i_plus_one_has_the_hand_written_gradient(int n)
    {
        var x = X[..n];
        var model = ModelViews.Of(x => Enumerable.Range(0, x.Length - 1).Sum(i => 100 * Math.Pow(x[i + 1] - x[i] * x[i], 2) + Math.Pow(1 - x[i], 2)));
        var expected = new double[n];
        for (var i = 0; i < n - 1; i++)
        {
            var r = x[i + 1] - x[i] * x[i];
            expected[i] += -400 * x[i] * r - 2 * (1 - x[i]);
            expected[i + 1] += 200 * r;
        }

        LinqAssert.HasGradient(model, x, expected);
    }

    [Fact]
    public void An_index_counting_down_from_the_end_reads_the_array_reversed() =>
        LinqAssert.MatchesExpansion(
            x => Enumerable.Range(0, x.Length).Sum(i => x[i] * x[x.Length - 1 - i] * (i + 1)),
            x => x[0] * x[3] * 1 + x[1] * x[2] * 2 + x[2] * x[1] * 3 + x[3] * x[0] * 4,
            [0.5, -1.25, 2.0, 0.75]);

    [Fact]
    public void An_index_with_a_stride_of_two_reads_every_other_element() =>
        LinqAssert.MatchesExpansion(
            x => Enumerable.Range(0, x.Length / 2).Sum(i => Math.Sin(x[2 * i]) * x[2 * i + 1]),
            x => Math.Sin(x[0]) * x[1] + Math.Sin(x[2]) * x[3] + Math.Sin(x[4]) * x[5],
            X);

    [Fact]
    public void A_data_dependent_index_with_repeated_entries_adds_every_contribution() =>
        LinqAssert.MatchesExpansion<int[]>(
            (w, idx) => Enumerable.Range(0, idx.Length).Sum(i => w[idx[i]] * w[idx[i]] * (i + 1)),
            (w, idx) => w[0] * w[0] * 1 + w[0] * w[0] * 2 + w[2] * w[2] * 3 + w[5] * w[5] * 4 + w[0] * w[0] * 5,
            X,
            [0, 0, 2, 5, 0]);

    [Fact]
    public void An_index_array_as_the_source_reads_the_parameters_it_names()
    {
        var model = ModelViews.Of<int[]>((w, idx) => idx.Sum(k => Math.Sin(w[k])), [3, 1, 3, 3]);
        // ∂/∂w₃ = 3 cos(w₃): the three reads of w[3] add up, none overwrites another.
        LinqAssert.HasGradient(model, X, [0, Math.Cos(X[1]), 0, 3 * Math.Cos(X[3]), 0, 0]);
    }

    [Fact]
    public void An_embedding_lookup_with_targets_scatters_each_residual_to_its_row() =>
        LinqAssert.MatchesExpansion<int[], double[]>(
            (w, idx, ys) => Enumerable.Range(0, ys.Length).Sum(i => Math.Pow(w[idx[i]] * w[idx[i] + 1] - ys[i], 2)),
            (w, idx, ys) => Math.Pow(w[2] * w[3] - ys[0], 2) + Math.Pow(w[0] * w[1] - ys[1], 2) + Math.Pow(w[2] * w[3] - ys[2], 2),
            X,
            [2, 0, 2],
            [1.5, -0.5, 0.25]);

    [Fact]
    public void A_data_dependent_index_read_from_a_double_array_through_a_cast_scatters_like_an_int_index() =>
        LinqAssert.MatchesExpansion<double[]>(
            (w, positions) => positions.Sum(p => w[(int)p] * w[(int)p] * w[(int)p]),
            (w, positions) => w[1] * w[1] * w[1] + 2 * (w[4] * w[4] * w[4]),
            X,
            [4.0, 1.0, 4.0]);
}
