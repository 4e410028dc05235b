using Symbolic.Optimization;

namespace Symbolic.Orleans.Tests.Cluster;

/// <summary>Failures are clear errors naming the culprit, and timeouts and cancellation end a call promptly.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ErrorTests(InProcessCluster cluster)
{
    [Fact]
    public async Task ALoaderThatThrowsIsAnErrorNamingThePartitionAndTheLoadersMessage()
    {
        var distributed = new ClusterGradient(cluster.Client, InProcessCluster.FailingModel, 4);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await distributed.EvaluateAsync([0, 0, 0], new double[3], CancellationToken.None));
        Assert.Contains("partition 2 of 4 of model 'failing'", error.Message);
        Assert.Contains("disk not found", error.Message);
    }

    [Fact]
    public async Task AModelNotRegisteredOnTheSilosIsAnErrorNamingIt()
    {
        var distributed = new ClusterGradient(cluster.Client, "no such model", 2);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => distributed.LoadAsync());
        Assert.Contains("No model named 'no such model'", error.Message);
        Assert.Contains("'squares'", error.Message);
    }

    [Fact]
    public async Task ACancelledEvaluationThrowsOperationCanceledPromptly()
    {
        var distributed = new ClusterGradient(cluster.Client, InProcessCluster.StuckModel, 3);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await distributed.EvaluateAsync([0, 0, 0], new double[3], cancellation.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task AnEvaluationLongerThanTheTimeoutThrowsTimeoutExceptionNamingTheMissingPartitions()
    {
        var distributed = new ClusterGradient(cluster.Client, InProcessCluster.StuckModel, 2, new ClusterGradientOptions { Timeout = TimeSpan.FromMilliseconds(300) });
        var error = await Assert.ThrowsAsync<TimeoutException>(async () => await distributed.EvaluateAsync([0, 0, 0], new double[3], CancellationToken.None));
        Assert.Contains("partitions still missing: 0, 1", error.Message);
        // The objective is free again afterwards: a second call is not refused as concurrent.
        await Assert.ThrowsAsync<TimeoutException>(async () => await distributed.EvaluateAsync([0, 0, 0], new double[3], CancellationToken.None));
    }

    [Fact]
    public async Task AFailureInsideAPartitionsEvaluationIsAnErrorNamingThePartition()
    {
        var distributed = new ClusterGradient(cluster.Client, "squares", 2);
        // The model reads w[0], w[1], w[2]: its compiled code fails on a shorter w, on the silo.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await distributed.EvaluateAsync([1.0], new double[1], CancellationToken.None));
        Assert.StartsWith("Evaluating partition 0 of 2 of model 'squares' failed: IndexOutOfRangeException", error.Message);
    }

    [Fact]
    public async Task AGradientBufferOfTheWrongLengthIsAnArgumentException()
    {
        var distributed = new ClusterGradient(cluster.Client, "squares", 2);
        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await distributed.EvaluateAsync([0, 0, 0], new double[2], CancellationToken.None));
        Assert.Equal("gradient", error.ParamName);
    }

    [Fact]
    public void BadConstructorArgumentsAreArgumentExceptionsNamingTheParameter()
    {
        Assert.Equal("grains", Assert.Throws<ArgumentNullException>(() => new ClusterGradient(null!, "squares", 2)).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentException>(() => new ClusterGradient(cluster.Client, "", 2)).ParamName);
        Assert.Equal("partitionCount", Assert.Throws<ArgumentOutOfRangeException>(() => new ClusterGradient(cluster.Client, "squares", 0)).ParamName);
        Assert.Equal("Timeout", Assert.Throws<ArgumentOutOfRangeException>(() => new ClusterGradient(cluster.Client, "squares", 2, new ClusterGradientOptions { Timeout = TimeSpan.Zero })).ParamName);
        Assert.Equal("Reduction", Assert.Throws<ArgumentOutOfRangeException>(() => new ClusterGradient(cluster.Client, "squares", 2, new ClusterGradientOptions { Reduction = (BatchReduction)7 })).ParamName);
    }
}
