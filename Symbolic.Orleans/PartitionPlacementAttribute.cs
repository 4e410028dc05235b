using Orleans.Placement;

namespace Symbolic.Orleans;

/// <summary>Places a partition grain with <see cref="PartitionPlacementStrategy"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class PartitionPlacementAttribute() : PlacementAttribute(PartitionPlacementStrategy.Instance);
