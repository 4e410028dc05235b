namespace Symbolic.Orleans;

/// <summary>What a partition sends back per evaluation: its value, gradient and size, and how long it computed.</summary>
[GenerateSerializer, Immutable, Alias("Symbolic.Orleans.PartitionResult")]
internal sealed record PartitionResult(
    [property: Id(0)] double Value,
    [property: Id(1)] double[] Gradient,
    [property: Id(2)] int RowCount,
    [property: Id(3)] TimeSpan ComputeTime);
