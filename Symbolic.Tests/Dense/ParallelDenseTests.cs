using System.Linq.Expressions;
using Symbolic.Optimization;

namespace Symbolic.Tests.Dense;

/// <summary>
/// Compiled gradients whose products run on the kernel's worker pool, called from parallel code: from a
/// <see cref="BatchGradient{TRow}"/>'s own threads and from several threads at once. Nothing may deadlock,
/// and the results must be those of one serial call.
/// </summary>
public class ParallelDenseTests
{
    private const int Inputs = 40, Hidden = 48;

    private static readonly Expression<Func<double[], double[][], double>> Layer = (p, rows) => rows.Sum(x =>
        Enumerable.Range(0, Hidden).Sum(j => Math.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[j * Inputs + k] * x[k]) + p[Hidden * Inputs + j])));

    private static readonly Random Random = new(3);
    private static readonly double[][] Rows = [.. Enumerable.Range(0, 600).Select(_ => Enumerable.Range(0, Inputs).Select(_ => Random.NextDouble() - 0.5).ToArray())];
    private static readonly double[] Parameters = [.. Enumerable.Range(0, Hidden * Inputs + Hidden).Select(_ => (Random.NextDouble() - 0.5) * 0.2)];

    [Fact]
    public void A_batch_gradient_over_a_dense_layer_equals_the_serial_gradient()
    {
        Assert.True(KernelCalls.In(Symbolic.Pipeline.GradientOutputs.CompileableGradient<GradientFunc<double[][]>>(Calculus.DefaultContext, Layer)));
        var serial = new double[Parameters.Length];
        var value = Layer.CompileGradient()(Parameters, Rows, serial);
        using var batch = Layer.CompileBatchGradient(Rows, new BatchGradientOptions { ChunkCount = 4, MaxThreads = 2 });
        var parallel = new double[Parameters.Length];
        for (var round = 0; round < 3; round++)
        {
            // Chunks are summed in another order than the serial loop: equal within round-off.
            Assert.True(Math.Abs(value - batch.Evaluate(Parameters, parallel)) <= 1e-12 * (1 + Math.Abs(value)));
            for (var i = 0; i < parallel.Length; i++) Assert.True(Math.Abs(serial[i] - parallel[i]) <= 1e-12 * (1 + Math.Abs(serial[i])), $"entry {i}: {parallel[i]:R} vs {serial[i]:R}");
        }
    }

    [Fact]
    public void Several_threads_computing_dense_gradients_at_once_get_the_serial_result()
    {
        var gradient = Layer.CompileGradient();
        var expected = new double[Parameters.Length];
        var value = gradient(Parameters, Rows, expected);
        var results = new (double Value, double[] Gradient)[4];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            var g = new double[Parameters.Length];
            var v = 0.0;
            for (var round = 0; round < 20; round++) v = gradient(Parameters, Rows, g);
            results[t] = (v, g);
        });
        foreach (var (v, g) in results)
        {
            Assert.Equal(value, v);
            Assert.Equal(expected, g);
        }
    }
}
