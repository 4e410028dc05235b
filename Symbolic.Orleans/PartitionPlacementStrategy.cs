namespace Symbolic.Orleans;

/// <summary>
/// Spreads the partitions of a model evenly over the silos: partition p goes to the (p mod n)-th of
/// the n compatible silos in address order, so no silo holds more than ⌈P/n⌉ of the P partitions.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("Symbolic.Orleans.PartitionPlacementStrategy")]
internal sealed class PartitionPlacementStrategy : PlacementStrategy
{
    public static PartitionPlacementStrategy Instance { get; } = new();
}
