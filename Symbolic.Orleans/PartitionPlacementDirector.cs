using Orleans.Runtime.Placement;

namespace Symbolic.Orleans;

/// <summary>Chooses the silo of a new partition activation (see <see cref="PartitionPlacementStrategy"/>).</summary>
internal sealed class PartitionPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target).Order().ToArray();
        var partition = PartitionKey.Parse(target.GrainIdentity.Key.ToString()!).Partition;
        return Task.FromResult(silos[partition % silos.Length]);
    }
}
