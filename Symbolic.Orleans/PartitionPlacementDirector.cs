using Orleans.Runtime.Placement;

namespace Symbolic.Orleans;

/// <summary>Chooses the silo of a new partition activation (see <see cref="PartitionPlacementStrategy"/>).</summary>
internal sealed class PartitionPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target).Order().ToArray();
        if (silos.Length == 0)
            throw new InvalidOperationException($"No silo can host {target.GrainIdentity}: none is active with the partition grain.");
        var partition = PartitionKey.Parse(target.GrainIdentity.Key.ToString()!).Partition;
        return Task.FromResult(silos[partition % silos.Length]);
    }
}
