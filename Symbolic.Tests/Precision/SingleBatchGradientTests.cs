using System.Linq.Expressions;
using Symbolic.Optimization;
using Symbolic.Tests.Optimization;

namespace Symbolic.Tests.Precision;

/// <summary>
/// <c>SingleCalculus.CompileBatchGradient</c>: a float model's gradient over chunks of rows on worker threads, the same
/// bits on one and two threads, against the same model differentiated by hand in double on the same floats, and its
/// refusals of bad input.
/// </summary>
[Collection(nameof(AllocationMeasurements))]
public class SingleBatchGradientTests
{
    // Logistic regression over rows (x0, x1, label ±1), as a sum and as a mean over the chunk's rows.
    private static readonly Expression<Func<float[], float[][], float>> RowsSum = (w, rows) =>
        rows.Sum(r => FunctionsF.Softplus(-r[2] * (w[0] * r[0] + w[1] * r[1] + w[2])));

    private static readonly Expression<Func<float[], float[][], float[], float>> PairsMean = (w, xs, ys) =>
        xs.Zip(ys, (x, y) => FunctionsF.Softplus(-y * (w[0] * x[0] + w[1] * x[1] + w[2]))).Average();

    private static (float[][] Rows, float[][] Inputs, float[] Labels) Data(int n)
    {
        var rows = Enumerable.Range(0, n).Select(i => new[] { MathF.Sin(0.37f * i), MathF.Cos(0.91f * i), i % 3 == 0 ? -1f : 1f }).ToArray();
        return (rows, [.. rows.Select(r => r[..2])], [.. rows.Select(r => r[2])]);
    }

    private static readonly float[] W = [0.75f, -1.25f, 0.125f];

    /// <summary>The loss summed over the rows and its gradient, by hand in double on the same floats: d softplus(z)/dz = σ(z).</summary>
    private static (double Value, double[] Gradient) HandWritten(float[][] rows)
    {
        var (value, gradient) = (0.0, new double[3]);
        foreach (var r in rows)
        {
            double y = r[2];
            var z = -y * ((double)W[0] * r[0] + (double)W[1] * r[1] + W[2]);
            value += Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)));
            var dz = 1 / (1 + Math.Exp(-z));
            gradient[0] += dz * -y * r[0];
            gradient[1] += dz * -y * r[1];
            gradient[2] += dz * -y;
        }
        return (value, gradient);
    }

    private static void AssertSameBits(float expected, float actual) => Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(actual));

    [Fact]
    public void A_float_batch_gradient_is_the_same_bits_on_one_and_two_threads()
    {
        var (rows, inputs, labels) = Data(3_001);
        using var one = RowsSum.CompileBatchGradient(rows, new BatchGradientOptions { ChunkCount = 4, MaxThreads = 1 });
        using var two = RowsSum.CompileBatchGradient(rows, new BatchGradientOptions { ChunkCount = 4, MaxThreads = 2 });
        Assert.Equal((1, 2, 4, 3_001), (one.ThreadCount, two.ThreadCount, two.ChunkCount, two.RowCount));
        var (g1, g2) = (new float[3], new float[3]);
        AssertSameBits(one.Evaluate(W, g1), two.Evaluate(W, g2));
        for (var i = 0; i < 3; i++) AssertSameBits(g1[i], g2[i]);

        using var pairsOne = PairsMean.CompileBatchGradient(inputs, labels, new BatchGradientOptions { ChunkCount = 3, MaxThreads = 1, Reduction = BatchReduction.Mean });
        using var pairsTwo = PairsMean.CompileBatchGradient(inputs, labels, new BatchGradientOptions { ChunkCount = 3, MaxThreads = 2, Reduction = BatchReduction.Mean });
        AssertSameBits(pairsOne.Evaluate(W, g1), pairsTwo.Evaluate(W, g2));
        for (var i = 0; i < 3; i++) AssertSameBits(g1[i], g2[i]);
    }

    [Fact]
    public void A_float_batch_gradient_agrees_with_the_hand_written_double_gradient_on_the_same_floats()
    {
        var (rows, inputs, labels) = Data(3_001);
        var (value, gradient) = HandWritten(rows);
        // Each row's terms are a few float operations; the policy sums them in double and rounds once, so the total is
        // within a few float roundings of Σ|terms| (the terms here are all of one sign per entry at most 3,001·|max|).
        var magnitude = rows.Length * 4.0;
        void Near(double expected, float actual, string what) =>
            Assert.True(Math.Abs(expected - actual) <= SingleTolerance.Relative * magnitude, $"{what}: expected {expected:R}, got {actual:R}");

        using var sum = RowsSum.CompileBatchGradient(rows, new BatchGradientOptions { ChunkCount = 5, MaxThreads = 2 });
        var g = new float[3];
        Near(value, sum.Evaluate(W, g), "the sum");
        for (var i = 0; i < 3; i++) Near(gradient[i], g[i], $"∂/∂w[{i}] of the sum");

        using var mean = PairsMean.CompileBatchGradient(inputs, labels, new BatchGradientOptions { ChunkCount = 5, MaxThreads = 2, Reduction = BatchReduction.Mean });
        Near(value, mean.Evaluate(W, g) * rows.Length, "the mean × n");
        for (var i = 0; i < 3; i++) Near(gradient[i], g[i] * rows.Length, $"∂/∂w[{i}] of the mean × n");
    }

    [Fact]
    public void A_float_batch_gradient_is_an_objective_of_the_float_optimisers_and_allocates_nothing_per_call()
    {
        var (rows, _, _) = Data(2_000);
        using var batch = RowsSum.CompileBatchGradient(rows, new BatchGradientOptions { ChunkCount = 2, MaxThreads = 1 });
        var gradient = new float[3];
        for (var i = 0; i < 10; i++) batch.Evaluate(W, gradient);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) batch.Evaluate(W, gradient);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        var result = new Lbfgs().Minimize(batch.Evaluate, new float[3]);
        var start = batch.Evaluate(new float[3], gradient);
        Assert.True(result.Value < start, $"L-BFGS over the float batch gradient did not descend: {result.Value} from {start}");
        Assert.True(batch.Evaluate(result.Minimizer, gradient) <= result.Value + 1e-3f * Math.Abs(result.Value));
    }

    [Fact]
    public void Bad_input_to_a_float_batch_gradient_is_refused_naming_the_culprit()
    {
        var (rows, inputs, labels) = Data(10);
        Expression<Func<float[], float[][], float>>? none = null;
        Assert.Equal("chunkModel", Assert.Throws<ArgumentNullException>(() => none!.CompileBatchGradient(rows)).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentNullException>(() => RowsSum.CompileBatchGradient(null!)).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => PairsMean.CompileBatchGradient(inputs, labels[..9])).ParamName);
        Assert.Equal("ChunkCount", Assert.Throws<ArgumentOutOfRangeException>(() => RowsSum.CompileBatchGradient(rows, new BatchGradientOptions { ChunkCount = 0 })).ParamName);

        Expression<Func<float[], float[][], float>> mixed = (w, rs) => rs.Sum(r => (float)Math.Exp(w[0] * r[0]));
        Assert.Contains("Convert(", Assert.Throws<NotSupportedException>(() => mixed.CompileBatchGradient(rows)).Message);

        using var batch = RowsSum.CompileBatchGradient(rows);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => batch.Evaluate(W, new float[2])).ParamName);
        batch.Dispose();
        Assert.Throws<ObjectDisposedException>(() => batch.Evaluate(W, new float[3]));
    }
}
