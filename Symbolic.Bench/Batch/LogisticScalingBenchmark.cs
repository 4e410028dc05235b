using BenchmarkDotNet.Attributes;

namespace Symbolic.Bench.Batch;

/// <summary>
/// Time against m (1,000, 10,000, 100,000 flat rows, d = 10) for the per-row loop, the blocked loop and
/// Symbolic: the input of the batch-vectorisation plot (docs/batch-vectorisation.md; tools/BenchmarkPlots
/// reads BenchmarkDotNet's CSV report).
/// </summary>
public class LogisticScalingBenchmark : LogisticBatchBenchmark
{
    /// <summary>The rows, m.</summary>
    [Params(1_000, 10_000, 100_000)]
    public int M { get; set; }

    /// <inheritdoc/>
    protected override (RowSource Layout, int D, int M) Shape => (RowSource.Flat, 10, M);
}
