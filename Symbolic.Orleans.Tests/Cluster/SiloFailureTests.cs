using Symbolic.Optimization;

namespace Symbolic.Orleans.Tests.Cluster;

/// <summary>
/// A silo dies while the cluster is in use: its partitions are reactivated on the surviving silos, where the
/// loader loads them again, and the calls that were lost are made again; the results are as without the fault.
/// Each test has a cluster of its own, since it kills one of its silos.
/// </summary>
public sealed class SiloFailureTests : IAsyncLifetime
{
    private const int Partitions = 6;
    private readonly InProcessCluster _cluster = new();

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync()
    {
        _cluster.Gate.Open();
        return _cluster.DisposeAsync();
    }

    [Fact]
    public async Task ASiloThatDiesWhileAnEvaluationWaitsForItIsReplacedAndTheResultIsTheSameBitForBit()
    {
        double[] w = [0.5, -1.25, 2];
        using var batch = TestData.SquaredError.CompileBatchGradient(_cluster.Rows, new BatchGradientOptions { ChunkCount = Partitions });
        var expected = new double[w.Length];
        var expectedValue = batch.Evaluate(w, expected);
        var distributed = new ClusterGradient(_cluster.Client, InProcessCluster.GatedModel, Partitions, new ClusterGradientOptions { Timeout = TimeSpan.FromSeconds(40) });

        var gradient = new double[w.Length];
        var evaluation = distributed.EvaluateAsync(w, gradient, CancellationToken.None).AsTask();
        var victim = await _cluster.Gate.Reached.WaitAsync(TimeSpan.FromSeconds(20));   // partition 1's call is in flight there
        await _cluster.Cluster.KillSiloAsync(_cluster.Cluster.Silos.Single(s => s.Name == victim));
        var value = await evaluation.WaitAsync(TimeSpan.FromSeconds(40));

        Assert.Equal(BitConverter.DoubleToInt64Bits(expectedValue), BitConverter.DoubleToInt64Bits(value));
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), gradient.Select(BitConverter.DoubleToInt64Bits));
        Assert.True(distributed.Statistics.Retries > 0);
        var loads = _cluster.Loads.Of(InProcessCluster.GatedModel, Partitions);
        Assert.Equal([victim], loads.Where(l => l.Partition == 1).Take(1).Select(l => l.Silo));
        Assert.Contains(loads, l => l.Partition == 1 && l.Silo != victim);   // reloaded on a survivor
    }

    [Fact]
    public async Task TrainingDuringWhichASiloDiesEndsWithTheParametersOfTrainingWithoutTheFault()
    {
        using var batch = TestData.SquaredError.CompileBatchGradient(_cluster.Rows, new BatchGradientOptions { ChunkCount = Partitions });
        var stopping = new StoppingCriteria { GradientTolerance = 1e-9, MaxIterations = 40 };
        var expected = new Lbfgs().Minimize(batch.Evaluate, new double[3], stopping);

        var distributed = new ClusterGradient(_cluster.Client, "squares", Partitions, new ClusterGradientOptions { Timeout = TimeSpan.FromSeconds(40) });
        var faulty = new KillingObjective(distributed, atEvaluation: 3, kill: async () =>
        {
            var victim = _cluster.Loads.Of("squares", Partitions).First(l => l.Partition == 1).Silo;
            await _cluster.Cluster.KillSiloAsync(_cluster.Cluster.Silos.Single(s => s.Name == victim));
            return victim;
        });
        var result = await new Lbfgs().MinimizeAsync(faulty, new double[3], stopping).WaitAsync(TimeSpan.FromSeconds(45));

        Assert.True(result.Iterations > 3);
        Assert.Equal(expected.Iterations, result.Iterations);
        Assert.Equal(expected.Minimizer.Select(BitConverter.DoubleToInt64Bits), result.Minimizer.Select(BitConverter.DoubleToInt64Bits));
        var victim = await faulty.Victim;
        Assert.Contains(_cluster.Loads.Of("squares", Partitions), l => l.Partition == 1 && l.Silo != victim);   // reloaded on a survivor
    }

    /// <summary>Kills a silo while its evaluation number <paramref name="atEvaluation"/> is in flight.</summary>
    private sealed class KillingObjective(IAsyncObjective inner, int atEvaluation, Func<Task<string>> kill) : IAsyncObjective
    {
        private readonly TaskCompletionSource<string> _victim = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _evaluations;

        public Task<string> Victim => _victim.Task;

        public async ValueTask<double> EvaluateAsync(double[] w, double[] gradient, CancellationToken cancellationToken)
        {
            var evaluation = inner.EvaluateAsync(w, gradient, cancellationToken).AsTask();
            if (++_evaluations == atEvaluation) _victim.SetResult(await kill());
            return await evaluation;
        }
    }
}
