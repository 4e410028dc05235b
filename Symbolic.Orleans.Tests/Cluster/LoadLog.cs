using System.Collections.Concurrent;

namespace Symbolic.Orleans.Tests.Cluster;

/// <summary>Which silo loaded which partition of which model, in order: what the test loaders record.</summary>
internal sealed class LoadLog
{
    private readonly ConcurrentQueue<(string Model, int Partition, int PartitionCount, string Silo)> _loads = new();

    public void Record(string model, int partition, int partitionCount, string silo) => _loads.Enqueue((model, partition, partitionCount, silo));

    public IReadOnlyList<(int Partition, string Silo)> Of(string model, int partitionCount) =>
        [.. _loads.Where(l => l.Model == model && l.PartitionCount == partitionCount).Select(l => (l.Partition, l.Silo))];
}
