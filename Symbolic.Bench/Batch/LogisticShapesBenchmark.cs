using BenchmarkDotNet.Attributes;

namespace Symbolic.Bench.Batch;

/// <summary>Logistic regression over flat rows at d = 100, m = 10,000 and at d = 10, m = 1,000 (target: never slower than per-row).</summary>
public class LogisticShapesBenchmark : LogisticBatchBenchmark
{
    /// <summary>d × m.</summary>
    [Params("100x10000", "10x1000")]
    public string Size { get; set; } = "100x10000";

    /// <inheritdoc/>
    protected override (RowSource Layout, int D, int M) Shape =>
        Size.Split('x') is [var d, var m] ? (RowSource.Flat, int.Parse(d, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m, System.Globalization.CultureInfo.InvariantCulture)) : throw new FormatException(Size);
}
