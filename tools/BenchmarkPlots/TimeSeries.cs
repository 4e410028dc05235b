namespace Symbolic.Tools.BenchmarkPlots;

/// <summary>One line of the scaling chart: time per call (nanoseconds) against the problem size n. Lines of one
/// comparison share a <paramref name="Hue"/> (a palette index); Symbolic's are solid, the others dashed.</summary>
internal sealed record TimeSeries(string Name, bool IsSymbolic, int Hue, IReadOnlyList<(double N, double Nanoseconds)> Points);
