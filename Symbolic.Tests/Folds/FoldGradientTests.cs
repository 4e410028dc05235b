using System.Linq.Expressions;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Folds;

/// <summary>Reverse mode through LINQ's Aggregate: table tests against closed forms and finite differences.</summary>
public class FoldGradientTests
{
    private static readonly double[] Signal = [0.5, -1.25, 2.0, 0.75, -0.5, 1.5];
    private static readonly double[][] Sequence = [[0.5, -1.0], [1.5, 0.25], [-0.75, 0.5], [0.25, 2.0], [1.0, -0.5]];
    private static readonly double[][] Batch = [[0.5, -1.0, 0.25], [1.5, 0.25, -0.5], [-0.75, 0.5, 1.0]];

    [Fact]
    public void The_product_of_the_elements_has_the_product_of_the_others_as_gradient()
    {
        Expression<Func<double[], double>> f = x => x.Aggregate(1.0, (p, v) => p * v);
        double[] point = [1.5, -0.75, 2.25, 0.5];
        var gradient = FoldAssert.GradientMatchesFiniteDifferences(f, point);
        for (var i = 0; i < point.Length; i++)
            Assert.Equal(point.Where((_, j) => j != i).Aggregate(1.0, (p, v) => p * v), gradient[i], 12);
    }

    [Fact]
    public void Horners_rule_has_the_polynomials_derivative_and_the_powers_as_gradient()
    {
        Expression<Func<double[], double>> f = x => Enumerable.Range(1, 4).Aggregate(0.0, (acc, k) => acc * x[0] + x[k]);
        double[] point = [0.75, 2.0, -1.5, 0.5, 3.0];
        var gradient = FoldAssert.GradientMatchesFiniteDifferences(f, point);
        var z = point[0];
        Assert.Equal(3 * point[1] * z * z + 2 * point[2] * z + point[3], gradient[0], 12);
        for (var k = 1; k <= 4; k++) Assert.Equal(Math.Pow(z, 4 - k), gradient[k], 12);
    }

    [Fact]
    public void An_exponential_moving_average_of_data_is_differentiated_in_its_rate()
    {
        Expression<Func<double[], double>> f = x => Signal.Aggregate(x[1], (m, v) => x[0] * m + (1 - x[0]) * v);
        var gradient = FoldAssert.GradientMatchesFiniteDifferences(f, [0.8, 0.3]);
        Assert.Equal(Math.Pow(0.8, Signal.Length), gradient[1], 12);
    }

    [Fact]
    public void Euler_integration_of_exponential_decay_matches_the_closed_form()
    {
        const int steps = 50;
        const double h = 0.01;
        Expression<Func<double[], double>> f = x => Enumerable.Range(0, steps).Aggregate(x[1], (y, t) => y + h * (-x[0] * y));
        double[] point = [1.5, 2.0];
        var gradient = FoldAssert.GradientMatchesFiniteDifferences(f, point);
        var factor = 1 - h * point[0];
        Assert.Equal(point[1] * steps * Math.Pow(factor, steps - 1) * -h, gradient[0], 12);
        Assert.Equal(Math.Pow(factor, steps), gradient[1], 12);
    }

    [Fact]
    public void An_Elman_network_with_a_vector_state_matches_finite_differences()
    {
        // h_t = tanh(W h_{t-1} + U u_t + b), W at 0..8, U at 9..14, b at 15..17; loss Σ (h_T − 0.5)².
        Expression<Func<double[], double>> f = x => Sequence.Aggregate(new double[3],
            (h, u) => Enumerable.Range(0, 3).Select(j => Math.Tanh(x[15 + j]
                + Enumerable.Range(0, 3).Sum(k => x[3 * j + k] * h[k])
                + Enumerable.Range(0, 2).Sum(k => x[9 + 2 * j + k] * u[k]))).ToArray(),
            h => Enumerable.Range(0, 3).Sum(k => (h[k] - 0.5) * (h[k] - 0.5)));
        var point = Enumerable.Range(0, 18).Select(i => 0.3 * Math.Sin(1.7 * i + 0.4)).ToArray();
        FoldAssert.GradientMatchesFiniteDifferences(f, point);
    }

    [Fact]
    public void A_ring_of_components_read_at_a_computed_index_and_summed_by_the_selector_matches_finite_differences()
    {
        Expression<Func<double[], double>> f = x => Enumerable.Range(0, 20).Aggregate(new double[4],
            (h, t) => Enumerable.Range(0, 4).Select(j => 0.9 * h[j] + 0.1 * Math.Tanh(x[j] * h[(j + 1) % 4] + Math.Sin(0.3 * t))).ToArray(),
            h => h.Sum(v => v * v));
        FoldAssert.GradientMatchesFiniteDifferences(f, [0.5, -1.5, 2.0, 1.0]);
    }

    [Fact]
    public void An_Elman_network_of_the_benchmarks_size_over_a_batch_matches_finite_differences_at_sampled_entries()
    {
        // Input 8, hidden 32, sequence 100, batch 16 (Symbolic.Bench/Folds): W at 0, U at 1024, b at 1280.
        var random = new Random(5);
        var sequences = Enumerable.Range(0, 16).Select(_ => Enumerable.Range(0, 100).Select(_ => Enumerable.Range(0, 8).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray()).ToArray();
        var targets = Enumerable.Range(0, 16).Select(_ => Enumerable.Range(0, 32).Select(_ => random.NextDouble() - 0.5).ToArray()).ToArray();
        Expression<Func<double[], double[][][], double[][], double>> f = (w, xs, ys) => Enumerable.Range(0, 16).Sum(b => xs[b].Aggregate(new double[32],
            (h, u) => Enumerable.Range(0, 32).Select(j => Math.Tanh(w[1280 + j] + Enumerable.Range(0, 32).Sum(k => w[32 * j + k] * h[k])
                + Enumerable.Range(0, 8).Sum(k => w[1024 + 8 * j + k] * u[k]))).ToArray(),
            h => Enumerable.Range(0, 32).Sum(k => (h[k] - ys[b][k]) * (h[k] - ys[b][k])))) / 512;
        var point = Enumerable.Range(0, 1312).Select(_ => (random.NextDouble() * 2 - 1) * 0.15).ToArray();
        var gradient = new double[1312];
        var linq = f.Compile();

        var value = f.CompileGradient()(point, sequences, targets, gradient);

        Assert.True(Tolerance.Agree(linq(point, sequences, targets), value));
        foreach (var i in new[] { 0, 33, 700, 1023, 1024, 1100, 1280, 1311 })
        {
            var estimate = FiniteDifference.Partial(w => linq(w, sequences, targets), point, i);
            Assert.True(Math.Abs(estimate.Derivative - gradient[i]) <= 1e-6 * Math.Max(1, Math.Abs(estimate.Derivative)) + 4 * estimate.Error,
                $"∂f/∂w[{i}]: {gradient[i]} vs finite differences {estimate.Derivative} ± {estimate.Error}");
        }
    }

    [Fact]
    public void A_small_state_written_as_an_array_literal_matches_finite_differences()
    {
        // A damped oscillator (position, velocity), semi-implicit Euler; the final position is read by index.
        Expression<Func<double[], double>> f = x => Enumerable.Range(0, 20).Aggregate(new[] { x[2], 0.0 },
            (s, t) => new[] { s[0] + 0.1 * (s[1] - 0.1 * (x[0] * s[0] + x[1] * s[1])), s[1] - 0.1 * (x[0] * s[0] + x[1] * s[1]) })[0];
        FoldAssert.GradientMatchesFiniteDifferences(f, [2.0, 0.3, 1.0]);
    }

    [Fact]
    public void Aggregate_without_a_seed_folds_from_the_first_element()
    {
        Expression<Func<double[], double>> f = x => x.Aggregate((a, b) => a * Math.Sin(b) + b);
        FoldAssert.GradientMatchesFiniteDifferences(f, [0.5, 1.25, -0.75, 2.0]);
        FoldAssert.GradientMatchesFiniteDifferences(f, [0.5]);
    }

    [Fact]
    public void Aggregate_without_a_seed_over_an_empty_sequence_throws_like_LINQ()
    {
        Expression<Func<double[], double>> f = x => x.Aggregate((a, b) => a * b);
        Assert.Throws<InvalidOperationException>(() => f.CompileGradient()([], []));
        Assert.Throws<InvalidOperationException>(() => f.Grad().Compile()([]));
    }

    [Fact]
    public void A_fold_over_an_empty_sequence_with_a_seed_returns_the_seed()
    {
        Expression<Func<double[], double>> f = x => Enumerable.Range(0, (int)Math.Max(0, Signal[0] - 1)).Aggregate(x[0] * x[0], (s, t) => s * x[1]);
        var gradient = FoldAssert.GradientMatchesFiniteDifferences(f, [1.5, 0.5]);
        Assert.Equal([3.0, 0.0], gradient);
    }

    [Fact]
    public void Folds_over_Where_Zip_and_a_result_selector_match_finite_differences()
    {
        Expression<Func<double[], double>> filtered = x => x.Where(v => v > 0).Aggregate(1.0, (p, v) => p * v + v);
        FoldAssert.GradientMatchesFiniteDifferences(filtered, [0.5, -1.0, 1.5, 2.0, -0.25]);
        Expression<Func<double[], double>> zipped = x => x.Zip(Signal, (a, d) => a * d).Aggregate(0.0, (s, v) => Math.Sin(s) + v);
        FoldAssert.GradientMatchesFiniteDifferences(zipped, [0.5, -1.0, 1.5, 2.0, -0.25]);
        Expression<Func<double[], double>> selected = x => x.Select(v => v * v).Aggregate(0.0, (s, v) => s + v, s => Math.Sqrt(s));
        FoldAssert.GradientMatchesFiniteDifferences(selected, [0.5, -1.0, 1.5]);
    }

    [Fact]
    public void A_fold_inside_a_sum_is_a_batch_of_sequences()
    {
        Expression<Func<double[], double>> f = x => Enumerable.Range(0, 3).Sum(b => Batch[b].Aggregate(0.0, (s, v) => Math.Tanh(x[0] * s + x[1] * v)));
        FoldAssert.GradientMatchesFiniteDifferences(f, [0.8, -0.6]);
    }

    [Fact]
    public void Nested_folds_match_finite_differences()
    {
        Expression<Func<double[], double>> f = x => Enumerable.Range(0, 3).Aggregate(0.5, (s, i) => x.Aggregate(s, (p, v) => 0.5 * p + Math.Sin(v * s)));
        FoldAssert.GradientMatchesFiniteDifferences(f, [0.4, -0.8, 1.2]);
    }

    [Fact]
    public void A_fold_over_a_data_parameter_matches_finite_differences()
    {
        Expression<Func<double[], double[], double>> f = (w, data) => data.Aggregate(w[1], (m, v) => w[0] * m + (1 - w[0]) * v * v);
        var compiled = f.CompileGradient();
        var linq = f.Compile();
        double[] point = [0.7, 0.2];
        var gradient = new double[2];
        Assert.Equal(linq(point, Signal), compiled(point, Signal, gradient), 12);
        for (var i = 0; i < 2; i++)
        {
            var estimate = FiniteDifference.Partial(w => linq(w, Signal), point, i);
            Assert.Equal(estimate.Derivative, gradient[i], 6);
        }
    }
}
