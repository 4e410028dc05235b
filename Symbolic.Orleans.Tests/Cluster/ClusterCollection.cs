namespace Symbolic.Orleans.Tests.Cluster;

/// <summary>The tests that share one <see cref="InProcessCluster"/> (one deployment for all of them).</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<InProcessCluster>
{
    public const string Name = "in-process cluster";
}
