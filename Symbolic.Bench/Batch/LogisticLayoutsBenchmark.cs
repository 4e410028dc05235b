using BenchmarkDotNet.Attributes;

namespace Symbolic.Bench.Batch;

/// <summary>Logistic regression, d = 10, m = 100,000, over flat, 2-D and jagged rows (target: Symbolic ≤ 0.35x per-row, within 1.1x of blocked).</summary>
public class LogisticLayoutsBenchmark : LogisticBatchBenchmark
{
    /// <summary>The layout of X.</summary>
    [Params(RowSource.Flat, RowSource.Matrix, RowSource.Jagged)]
    public RowSource Layout { get; set; }

    /// <inheritdoc/>
    protected override (RowSource Layout, int D, int M) Shape => (Layout, 10, 100_000);
}
