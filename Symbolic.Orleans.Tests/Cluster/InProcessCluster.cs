using Orleans.Configuration;
using Orleans.TestingHost;

namespace Symbolic.Orleans.Tests.Cluster;

/// <summary>
/// Three in-process silos and a client (Orleans' InProcessTestCluster) with the test models registered on
/// every silo. The loaders cut partitions out of data sets made here, and record in <see cref="Loads"/> which
/// silo loaded what. Membership declares a dead silo dead within a few seconds (probes every second), and a call lost
/// with it times out after 4 s.
/// </summary>
public sealed class InProcessCluster : IAsyncLifetime
{
    public const int RowCount = 1_001;

    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(4);

    /// <summary>A model whose loader throws for partition 2.</summary>
    public const string FailingModel = "failing";

    /// <summary>The logistic model over 3 partitions whose middle one is empty: the data cut in 2, with a gap between.</summary>
    public const string GappedModel = "logistic-with-an-empty-partition";

    /// <summary>A model whose loader never finishes unless cancelled.</summary>
    public const string StuckModel = "stuck";

    /// <summary>A model whose partition 1, the first time it is loaded, waits in its loader until <see cref="Gate"/> opens.</summary>
    public const string GatedModel = "gated";

    private InProcessTestCluster? _cluster;

    /// <summary>Holds the first load of partition 1 of <see cref="GatedModel"/>; tells which silo it is on.</summary>
    internal LoaderGate Gate { get; } = new();

    internal double[][] Rows { get; } = TestData.Rows(RowCount, seed: 1);

    internal (double[][] Inputs, double[] Targets) Labelled { get; } = TestData.Labelled(RowCount, seed: 2);

    internal LoadLog Loads { get; } = new();

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((options, silo) => Configure(silo, options.SiloName));
        // A call lost with a dead silo fails after this (Orleans' default is 30 s), and ClusterGradient makes it again.
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    private void Configure(ISiloBuilder silo, string siloName)
    {
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
        });
        silo.AddPartitionModel("squares", TestData.SquaredError, (p, count, _) =>
        {
            Loads.Record("squares", p, count, siloName);
            return ValueTask.FromResult(TestData.Slice(Rows, p, count));
        });
        silo.AddPartitionModel("logistic", TestData.LogisticLoss, (p, count, _) =>
        {
            Loads.Record("logistic", p, count, siloName);
            return ValueTask.FromResult((TestData.Slice(Labelled.Inputs, p, count), TestData.Slice(Labelled.Targets, p, count)));
        });
        silo.AddPartitionModel(GappedModel, TestData.LogisticLoss, (p, count, _) =>
            ValueTask.FromResult(p == 1 ? ([], []) : (TestData.Slice(Labelled.Inputs, p / 2, 2), TestData.Slice(Labelled.Targets, p / 2, 2))));
        silo.AddPartitionModel<double[]>(FailingModel, TestData.SquaredError, (p, count, _) =>
            p == 2 ? throw new IOException("disk not found") : ValueTask.FromResult(TestData.Slice(Rows, p, count)));
        silo.AddPartitionModel<double[]>(GatedModel, TestData.SquaredError, async (p, count, cancellationToken) =>
        {
            Loads.Record(GatedModel, p, count, siloName);
            if (p == 1) await Gate.PassAsync(siloName, cancellationToken);
            return TestData.Slice(Rows, p, count);
        });
        silo.AddPartitionModel<double[]>(StuckModel, TestData.SquaredError, async (p, count, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return [];
        });
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}
