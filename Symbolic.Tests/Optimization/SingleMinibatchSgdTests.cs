using Symbolic.Optimization;

namespace Symbolic.Tests.Optimization;

/// <summary>
/// Minibatch training on float parameters: a logistic regression written by hand in float and in double, trained
/// from the same start with the same shuffles, ends at the same weights to float's precision.
/// </summary>
public class SingleMinibatchSgdTests
{
    private static (double[][] Rows, float[][] SingleRows) Data()
    {
        var random = new Random(4);
        var rows = Enumerable.Range(0, 200).Select(_ =>
        {
            double x = 4 * random.NextDouble() - 2, y = 4 * random.NextDouble() - 2;
            return new[] { x, y, 1.5 * x - y + 0.3 * random.NextDouble() > 0.2 ? 1.0 : 0.0 };
        }).ToArray();
        return (rows, [.. rows.Select(row => Array.ConvertAll(row, v => (float)v))]);
    }

    /// <summary>Mean logistic loss of w = (a, b, c) on rows (x, y, label), and its gradient.</summary>
    private static double Loss(double[] w, double[][] rows, double[] g)
    {
        Array.Clear(g);
        var loss = 0.0;
        foreach (var r in rows)
        {
            var z = w[0] * r[0] + w[1] * r[1] + w[2];
            var p = 1 / (1 + Math.Exp(-z));
            loss += Math.Log(1 + Math.Exp(-Math.Abs(z))) + Math.Max(z, 0) - r[2] * z;
            (g[0], g[1], g[2]) = (g[0] + (p - r[2]) * r[0], g[1] + (p - r[2]) * r[1], g[2] + (p - r[2]));
        }
        for (var i = 0; i < 3; i++) g[i] /= rows.Length;
        return loss / rows.Length;
    }

    private static float Loss(float[] w, float[][] rows, float[] g)
    {
        Array.Clear(g);
        var loss = 0f;
        foreach (var r in rows)
        {
            var z = w[0] * r[0] + w[1] * r[1] + w[2];
            var p = 1 / (1 + MathF.Exp(-z));
            loss += MathF.Log(1 + MathF.Exp(-MathF.Abs(z))) + MathF.Max(z, 0) - r[2] * z;
            (g[0], g[1], g[2]) = (g[0] + (p - r[2]) * r[0], g[1] + (p - r[2]) * r[1], g[2] + (p - r[2]));
        }
        for (var i = 0; i < 3; i++) g[i] /= rows.Length;
        return loss / rows.Length;
    }

    [Fact]
    public void A_float_run_follows_the_double_run_to_floats_precision()
    {
        var (rows, singleRows) = Data();
        var sgd = new MinibatchSgd(new Adam(new AdamOptions { LearningRate = 0.05 }), new MinibatchOptions { BatchSize = 16, Seed = 3 });
        var stopping = new StoppingCriteria { MaxIterations = 5, GradientTolerance = 0 };

        var twin = sgd.Minimize<double[]>(Loss, rows, [0.0, 0, 0], stopping);
        var single = sgd.Minimize<float[]>(Loss, singleRows, [0f, 0, 0], stopping);

        Assert.Equal(StopReason.MaxIterations, single.Reason);
        Assert.Equal(twin.Evaluations, single.Evaluations);
        Assert.True(single.Value < Math.Log(2) - 0.2, $"the loss did not fall: {single.Value}");
        for (var i = 0; i < 3; i++) Assert.InRange(single.Minimizer[i], twin.Minimizer[i] - 1e-3, twin.Minimizer[i] + 1e-3);
        Assert.InRange(single.Value, twin.Value - 1e-5, twin.Value + 1e-5);
    }

    [Fact]
    public void Float_pairs_of_inputs_and_targets_train_and_mismatched_lengths_are_refused()
    {
        var (_, singleRows) = Data();
        float[][] inputs = [.. singleRows.Select(r => r[..2])];
        float[] targets = [.. singleRows.Select(r => r[2])];
        float Pairs(float[] w, float[][] xs, float[] ys, float[] g) => Loss(w, [.. xs.Zip(ys, (x, y) => new[] { x[0], x[1], y })], g);
        var sgd = new MinibatchSgd(new Adam(new AdamOptions { LearningRate = 0.05 }), new MinibatchOptions { BatchSize = 16, Seed = 3 });
        var stopping = new StoppingCriteria { MaxIterations = 5, GradientTolerance = 0 };

        var paired = sgd.Minimize<float[], float>(Pairs, inputs, targets, [0f, 0, 0], stopping);
        var single = sgd.Minimize<float[]>(Loss, singleRows, [0f, 0, 0], stopping);

        Assert.Equal(single.Minimizer, paired.Minimizer); // the same batches, the same float arithmetic
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => sgd.Minimize<float[], float>(Pairs, inputs, targets[..5], [0f, 0, 0])).ParamName);
    }
}
