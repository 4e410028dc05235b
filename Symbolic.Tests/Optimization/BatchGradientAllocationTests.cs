using System.Linq.Expressions;
using Symbolic.Optimization;

namespace Symbolic.Tests.Optimization;

[Collection(nameof(AllocationMeasurements))]
public class BatchGradientAllocationTests
{
    [Fact]
    public void A_call_allocates_nothing_on_any_thread()
    {
        Expression<Func<double[], double[][], double>> model = (w, rows) => rows.Sum(r => Math.Pow(w[0] * r[0] + w[1] - r[1], 2));
        double[][] rows = [.. Enumerable.Range(0, 4_000).Select(i => new[] { i / 4000.0, Math.Sin(i) })];
        using var batch = model.CompileBatchGradient(rows, new BatchGradientOptions { ChunkCount = 4, MaxThreads = 2 });
        double[] w = [0.5, -0.25];
        var gradient = new double[2];
        for (var i = 0; i < 20; i++) batch.Evaluate(w, gradient);

        // The least of three rounds: a background thread of the runtime or test host may allocate during one.
        var allocated = long.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < 1_000; i++) batch.Evaluate(w, gradient);
            allocated = Math.Min(allocated, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        // Whole-process count: allow for a stray allocation by the test host, not for one per call
        // (Parallel.For over the same chunks allocates about 1.7 KB per call).
        Assert.True(allocated < 1_000, $"{allocated} bytes for 1,000 calls");
    }
}
