using Symbolic.Optimization;

namespace Symbolic.Orleans.Tests.Cluster;

/// <summary>Optimisers run end to end on the cluster through MinimizeAsync.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TrainingTests(InProcessCluster cluster)
{
    [Fact]
    public async Task LbfgsOnTheClusterEndsWithTheParametersOfLbfgsOnTheBatchGradientBitForBit()
    {
        const int partitions = 4;
        var (inputs, targets) = cluster.Labelled;
        using var batch = TestData.LogisticLoss.CompileBatchGradient(inputs, targets,
            new BatchGradientOptions { ChunkCount = partitions, Reduction = BatchReduction.Mean });
        var stopping = new StoppingCriteria { GradientTolerance = 1e-10, MaxIterations = 50 };
        var local = new Lbfgs().Minimize(batch.Evaluate, new double[4], stopping);

        var distributed = new ClusterGradient(cluster.Client, "logistic", partitions, new ClusterGradientOptions { Reduction = BatchReduction.Mean });
        var reports = new List<OptimizationProgress>();
        var remote = await new Lbfgs().MinimizeAsync(distributed, new double[4], stopping, new ListProgress(reports));

        Assert.True(remote.Converged);
        Assert.Equal(local.Iterations, remote.Iterations);
        Assert.Equal(local.Minimizer.Select(BitConverter.DoubleToInt64Bits), remote.Minimizer.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(remote.Iterations + 1, reports.Count);
        Assert.Equal(remote.Evaluations, distributed.Statistics.Evaluations);
        // The labels were drawn with weights (1.5, −2, 0.5) and bias −0.25: the fit finds their signs and order.
        Assert.True(remote.Minimizer[0] > 0.5 && remote.Minimizer[1] < -1 && remote.Minimizer[1] < -remote.Minimizer[0] && remote.Minimizer[2] > 0);
    }

    [Fact]
    public async Task GradientDescentOnTheClusterEndsWithTheParametersOfGradientDescentOnTheBatchGradientBitForBit()
    {
        const int partitions = 3;
        using var batch = TestData.SquaredError.CompileBatchGradient(cluster.Rows, new BatchGradientOptions { ChunkCount = partitions });
        var stopping = new StoppingCriteria { MaxIterations = 25 };
        var local = new GradientDescent().Minimize(batch.Evaluate, new double[3], stopping);
        var remote = await new GradientDescent().MinimizeAsync(new ClusterGradient(cluster.Client, "squares", partitions), new double[3], stopping);
        Assert.Equal(local.Minimizer.Select(BitConverter.DoubleToInt64Bits), remote.Minimizer.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(local.Evaluations, remote.Evaluations);
    }

    [Fact]
    public async Task ATrainingCancelledWhileAPartitionIsLoadingStopsPromptlyWithReasonCancelled()
    {
        var distributed = new ClusterGradient(cluster.Client, InProcessCluster.StuckModel, 3);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var result = await new Lbfgs().MinimizeAsync(distributed, new double[3], cancellationToken: cancellation.Token).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(StopReason.Cancelled, result.Reason);
    }

    private sealed class ListProgress(List<OptimizationProgress> reports) : IProgress<OptimizationProgress>
    {
        public void Report(OptimizationProgress value) => reports.Add(value);
    }
}
