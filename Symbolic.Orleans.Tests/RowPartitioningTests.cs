using Symbolic.Optimization;

namespace Symbolic.Orleans.Tests;

public sealed class RowPartitioningTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(10, 3)]
    [InlineData(12, 4)]
    [InlineData(1_001, 7)]
    [InlineData(5, 5)]
    public void PartitionsAreContiguousCoverEveryRowOnceAndDifferInSizeByAtMostOneTheLargerFirst(int rows, int partitions)
    {
        var ranges = Enumerable.Range(0, partitions).Select(p => RowPartitioning.Rows(rows, p, partitions).GetOffsetAndLength(rows)).ToArray();
        Assert.Equal(0, ranges[0].Offset);
        for (var p = 1; p < partitions; p++) Assert.Equal(ranges[p - 1].Offset + ranges[p - 1].Length, ranges[p].Offset);
        Assert.Equal(rows, ranges.Sum(r => r.Length));
        Assert.True(ranges.Max(r => r.Length) - ranges.Min(r => r.Length) <= 1);
        Assert.Equal(ranges.Select(r => r.Length).OrderDescending(), ranges.Select(r => r.Length));
    }

    [Theory]
    [InlineData(10, 3)]
    [InlineData(97, 8)]
    public void BatchGradientSplitsItsRowsAsRowPartitioningDoes(int rows, int partitions)
    {
        // Row i holds i; a chunk's loss w₀·(its first row) + w₁·(its size)² reveals where each chunk starts and how long it is.
        double[] data = [.. Enumerable.Range(0, rows).Select(i => (double)i)];
        using var batch = Calculus.CompileBatchGradient<double>((w, xs) => w[0] * xs[0] + w[1] * xs.Count() * xs.Count(), data, new BatchGradientOptions { ChunkCount = partitions, MaxThreads = 1 });
        var gradient = new double[2];
        batch.Evaluate([1, 1], gradient);
        var ranges = Enumerable.Range(0, partitions).Select(p => RowPartitioning.Rows(rows, p, partitions).GetOffsetAndLength(rows)).ToArray();
        Assert.Equal(ranges.Sum(r => (double)r.Offset), gradient[0]);
        Assert.Equal(ranges.Sum(r => (double)r.Length * r.Length), gradient[1]);
    }

    [Fact]
    public void ArgumentsOutOfRangeAreErrorsNamingThem()
    {
        Assert.Equal("partitionCount", Assert.Throws<ArgumentOutOfRangeException>(() => RowPartitioning.Rows(10, 0, 0)).ParamName);
        Assert.Equal("rowCount", Assert.Throws<ArgumentOutOfRangeException>(() => RowPartitioning.Rows(2, 0, 3)).ParamName);
        Assert.Equal("partition", Assert.Throws<ArgumentOutOfRangeException>(() => RowPartitioning.Rows(10, -1, 3)).ParamName);
        Assert.Equal("partition", Assert.Throws<ArgumentOutOfRangeException>(() => RowPartitioning.Rows(10, 3, 3)).ParamName);
    }
}
