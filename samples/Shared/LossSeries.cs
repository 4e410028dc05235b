namespace Symbolic.Samples;

/// <summary>One curve of a loss plot: its legend text and the loss at iterations (or epochs) 0, 1, 2, …</summary>
internal sealed record LossSeries(string Name, IReadOnlyList<double> Values);
