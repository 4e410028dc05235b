using Symbolic.Optimization;

namespace Symbolic.Orleans.Tests.Cluster;

/// <summary>
/// The cluster's gradient is the batch gradient of all the data with the same chunking, bit for bit: the
/// partitions are summed in partition order with BatchGradient's arithmetic, whatever silo computed them.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BitIdentityTests(InProcessCluster cluster)
{
    private static readonly double[][] Points = [[0, 0, 0], [1.5, -0.75, 0.25], [-3, 2, 7.5]];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(13)]
    public async Task TheGradientOfASumModelEqualsTheBatchGradientBitForBit(int partitions)
    {
        using var batch = TestData.SquaredError.CompileBatchGradient(cluster.Rows, new BatchGradientOptions { ChunkCount = partitions });
        var distributed = new ClusterGradient(cluster.Client, "squares", partitions);
        foreach (var w in Points)
        {
            await AssertSameBitsAsync(batch.Evaluate, distributed, w);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(16)]
    public async Task TheGradientOfAMeanModelOverPairsEqualsTheBatchGradientBitForBit(int partitions)
    {
        var (inputs, targets) = cluster.Labelled;
        using var batch = TestData.LogisticLoss.CompileBatchGradient(inputs, targets,
            new BatchGradientOptions { ChunkCount = partitions, Reduction = BatchReduction.Mean });
        var distributed = new ClusterGradient(cluster.Client, "logistic", partitions, new ClusterGradientOptions { Reduction = BatchReduction.Mean });
        double[][] points = [[0, 0, 0, 0], [1, -2, 0.5, 0.1], [-4, 3, 2, -1]];
        foreach (var w in points)
        {
            await AssertSameBitsAsync(batch.Evaluate, distributed, w);
        }
    }

    [Fact]
    public async Task AnEmptyPartitionAddsNothingEvenToAMeanWhoseModelCannotAverageNoRows()
    {
        var (inputs, targets) = cluster.Labelled;
        using var batch = TestData.LogisticLoss.CompileBatchGradient(inputs, targets,
            new BatchGradientOptions { ChunkCount = 2, Reduction = BatchReduction.Mean });
        var distributed = new ClusterGradient(cluster.Client, InProcessCluster.GappedModel, 3, new ClusterGradientOptions { Reduction = BatchReduction.Mean });

        await AssertSameBitsAsync(batch.Evaluate, distributed, [1, -2, 0.5, 0.1]);
    }

    /// <summary>The cluster's value and gradient at <paramref name="w"/> are the batch gradient's, bit for bit.</summary>
    private static async Task AssertSameBitsAsync(Func<double[], double[], double> batch, ClusterGradient distributed, double[] w)
    {
        var (expected, actual) = (new double[w.Length], new double[w.Length]);
        var expectedValue = batch(w, expected);
        var value = await distributed.EvaluateAsync(w, actual, CancellationToken.None);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expectedValue), BitConverter.DoubleToInt64Bits(value));
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public async Task TheGradientIsTheDerivativeOfTheLossByFiniteDifferences()
    {
        var distributed = new ClusterGradient(cluster.Client, "logistic", 6, new ClusterGradientOptions { Reduction = BatchReduction.Mean });
        double[] w = [0.3, -0.7, 1.1, 0.2];
        var gradient = new double[w.Length];
        await distributed.EvaluateAsync(w, gradient, CancellationToken.None);
        const double h = 1e-6;
        for (var j = 0; j < w.Length; j++)
        {
            var (plus, minus) = ((double[])w.Clone(), (double[])w.Clone());
            (plus[j], minus[j]) = (w[j] + h, w[j] - h);
            var scratch = new double[w.Length];
            var difference = (await distributed.EvaluateAsync(plus, scratch, CancellationToken.None) - await distributed.EvaluateAsync(minus, scratch, CancellationToken.None)) / (2 * h);
            Assert.Equal(difference, gradient[j], 1e-7);
        }
    }

    [Fact]
    public async Task PartitionsAreLoadedOnceSpreadEvenlyOverTheSilosAndKeptBetweenEvaluations()
    {
        const int partitions = 6;
        var distributed = new ClusterGradient(cluster.Client, "squares", partitions);
        Assert.Equal(InProcessCluster.RowCount, await distributed.LoadAsync());
        var gradient = new double[3];
        for (var i = 0; i < 4; i++) await distributed.EvaluateAsync(Points[i % Points.Length], gradient, CancellationToken.None);

        var loads = cluster.Loads.Of("squares", partitions);
        Assert.Equal(Enumerable.Range(0, partitions), loads.Select(l => l.Partition).Order());
        Assert.All(loads.GroupBy(l => l.Silo), silo => Assert.Equal(2, silo.Count()));
        Assert.Equal(3, loads.Select(l => l.Silo).Distinct().Count());
        Assert.Equal(4, distributed.Statistics.Evaluations);
        Assert.Equal(0, distributed.Statistics.Retries);
    }
}
