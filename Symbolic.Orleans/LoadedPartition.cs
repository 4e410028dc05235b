namespace Symbolic.Orleans;

/// <summary>A partition in memory: its rows bound into the model's compiled gradient.</summary>
/// <param name="RowCount">The number of rows.</param>
/// <param name="Gradient">The model's value and gradient over the partition's rows.</param>
internal sealed record LoadedPartition(int RowCount, GradientFunc Gradient);
