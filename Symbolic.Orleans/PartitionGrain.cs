using System.Diagnostics;

namespace Symbolic.Orleans;

/// <summary>
/// Owns one partition: loads it with the model's loader on its first call (and again only if it is
/// reactivated, e.g. on another silo after its silo died), keeps it in memory, and evaluates the
/// model's compiled gradient over it for each w it is sent.
/// </summary>
[PartitionPlacement]
internal sealed class PartitionGrain(PartitionModelRegistry models, ILocalSiloDetails silo) : Grain, IPartitionGrain
{
    private LoadedPartition? _partition;

    public async Task<int> LoadAsync(CancellationToken cancellationToken) => (await GetPartitionAsync(cancellationToken)).RowCount;

    public async Task<PartitionResult> EvaluateAsync(double[] w, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(w);
        var partition = await GetPartitionAsync(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        var gradient = new double[w.Length];
        // An empty partition adds nothing to an additive loss; its model is not run (an Average over no rows throws).
        var value = partition.RowCount == 0 ? 0.0 : partition.Gradient(w, gradient);
        return new PartitionResult(value, gradient, partition.RowCount, clock.Elapsed);
    }

    private async Task<LoadedPartition> GetPartitionAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_partition is null)
        {
            var key = PartitionKey.Parse(this.GetPrimaryKeyString());
            _partition = await models.Get(key.Model, silo.SiloAddress.ToString()).LoadAsync(key, cancellationToken);
        }
        return _partition;
    }
}
