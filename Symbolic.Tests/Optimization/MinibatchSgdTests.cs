using System.Linq.Expressions;
using Symbolic.Optimization;

namespace Symbolic.Tests.Optimization;

public class MinibatchSgdTests
{
    private static readonly Expression<Func<double[], double[][], double>> MeanSquaredError =
        (w, rows) => rows.Average(r => Math.Pow(w[0] * r[0] + w[1] * r[1] + w[2] - r[2], 2));

    /// <summary>Rows (x₀, x₁, y) with y = 2x₀ − 3x₁ + 0.5 + noise·N(0, 1)-ish.</summary>
    private static double[][] LinearData(int rows, double noise, int seed = 1)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, rows).Select(_ =>
        {
            var (x0, x1) = (random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1);
            return new[] { x0, x1, 2 * x0 - 3 * x1 + 0.5 + noise * (random.NextDouble() - 0.5) };
        })];
    }

    [Fact]
    public void Minibatch_SGD_fits_a_noise_free_linear_model_exactly()
    {
        var trainer = new MinibatchSgd(new Momentum(new MomentumOptions { LearningRate = 0.05 }), new MinibatchOptions { BatchSize = 16, Seed = 7 });

        var result = trainer.Minimize(MeanSquaredError.CompileGradient(), LinearData(500, noise: 0), new double[3], new StoppingCriteria { GradientTolerance = 1e-10, MaxIterations = 500 });

        Assert.Equal(StopReason.GradientTolerance, result.Reason);
        Assert.True(TestProblems.MaxDistance(result.Minimizer, [2, -3, 0.5]) <= 1e-9);
    }

    [Fact]
    public void Minibatch_Adam_fits_noisy_data_close_to_the_least_squares_solution()
    {
        var data = LinearData(1000, noise: 0.2);
        var model = MeanSquaredError.CompileGradient();
        var leastSquares = new Lbfgs().Minimize((w, g) => model(w, data, g), new double[3]);
        var trainer = new MinibatchSgd(new Adam(new AdamOptions { LearningRate = 0.01 }), new MinibatchOptions { BatchSize = 32 });

        var result = trainer.Minimize(model, data, new double[3], new StoppingCriteria { MaxIterations = 60 });

        Assert.Equal(StopReason.MaxIterations, result.Reason);
        Assert.True(TestProblems.MaxDistance(result.Minimizer, leastSquares.Minimizer) <= 0.01);
        Assert.True(result.Value <= leastSquares.Value * 1.01);
    }

    [Fact]
    public void The_same_seed_gives_the_same_run_and_another_seed_a_different_one()
    {
        var data = LinearData(200, noise: 0.5);
        var model = MeanSquaredError.CompileGradient();
        OptimizationResult Train(int seed) =>
            new MinibatchSgd(new Adam(new AdamOptions { LearningRate = 0.05 }), new MinibatchOptions { BatchSize = 10, Seed = seed })
                .Minimize(model, data, new double[3], new StoppingCriteria { MaxIterations = 5 });

        var (first, again, other) = (Train(3), Train(3), Train(4));

        Assert.Equal(first.Minimizer, again.Minimizer);
        Assert.NotEqual(first.Minimizer, other.Minimizer);
    }

    [Fact]
    public void Every_epoch_visits_every_row_once_in_batches_of_the_batch_size()
    {
        var batches = new List<int[]>();
        GradientFunc<int[]> recorder = (w, rows, g) =>
        {
            batches.Add([.. rows]);
            g[0] = 1;
            return 1;
        };
        int[] data = [.. Enumerable.Range(0, 23)];

        var result = new MinibatchSgd(new Momentum(new MomentumOptions { Momentum = 0 }), new MinibatchOptions { BatchSize = 5 })
            .Minimize(recorder, data, [0.0], new StoppingCriteria { MaxIterations = 3 });

        // One pass over all rows at the start and one at the end, 5 batches per epoch between.
        Assert.Equal(3, result.Iterations);
        Assert.Equal(2 + 3 * 5, batches.Count);
        Assert.Equal(data, batches[0]);
        Assert.Equal(data, batches[^1]);
        for (var epoch = 0; epoch < 3; epoch++)
        {
            var epochBatches = batches.Skip(1 + 5 * epoch).Take(5).ToList();
            Assert.Equal([5, 5, 5, 5, 3], epochBatches.Select(b => b.Length));
            Assert.Equal(data, epochBatches.SelectMany(b => b).Order());
        }
        Assert.NotEqual(batches[1], batches[6]);
    }

    [Fact]
    public void Inputs_and_targets_in_two_arrays_train_a_Zip_model()
    {
        Expression<Func<double[], double[], double[], double>> mse = (w, xs, ys) => xs.Zip(ys, (x, y) => Math.Pow(w[0] * x + w[1] - y, 2)).Average();
        double[] xs = [.. Enumerable.Range(0, 100).Select(i => i / 50.0 - 1)];
        double[] ys = [.. xs.Select(x => 3 * x - 1)];

        var result = new MinibatchSgd(new Momentum(new MomentumOptions { LearningRate = 0.1 }), new MinibatchOptions { BatchSize = 8 })
            .Minimize(mse.CompileGradient(), xs, ys, [0.0, 0.0], new StoppingCriteria { GradientTolerance = 1e-10, MaxIterations = 1000 });

        Assert.Equal(StopReason.GradientTolerance, result.Reason);
        Assert.True(TestProblems.MaxDistance(result.Minimizer, [3, -1]) <= 1e-9);
    }

    [Fact]
    public void Cancelling_during_an_epoch_stops_after_the_current_batch()
    {
        using var cancellation = new CancellationTokenSource();
        var calls = 0;
        GradientFunc<int[]> model = (w, rows, g) =>
        {
            if (++calls == 1 + 4 * 2 + 2) cancellation.Cancel();   // the start pass, two epochs of 4 batches, then 2 batches
            g[0] = w[0];
            return w[0] * w[0] / 2;
        };

        var result = new MinibatchSgd(new Momentum(), new MinibatchOptions { BatchSize = 3 })
            .Minimize(model, [.. Enumerable.Range(0, 12)], [1.0], new StoppingCriteria { MaxIterations = 100 }, cancellationToken: cancellation.Token);

        Assert.Equal(StopReason.Cancelled, result.Reason);
        Assert.Equal(2, result.Iterations);
        Assert.Equal(1 + 4 * 2 + 2 + 1, result.Evaluations);
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        var trainer = new MinibatchSgd(new Adam());
        var model = MeanSquaredError.CompileGradient();
        GradientFunc<double[], double[]> pairModel = (w, xs, ys, g) => 0;

        Assert.Throws<ArgumentException>(() => trainer.Minimize(model, [], new double[3]));
        Assert.Throws<ArgumentException>(() => trainer.Minimize(pairModel, [1.0, 2.0], [1.0], new double[1]));
        Assert.Throws<ArgumentNullException>(() => new MinibatchSgd(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MinibatchSgd(new Adam(), new MinibatchOptions { BatchSize = 0 }));
    }
}
