namespace Symbolic.Tools.BenchmarkPlots;

/// <summary>One bar of the ratio chart: Symbolic's time over hand-written code's, for one model in one group
/// of comparisons (a table of docs/benchmarks.md).</summary>
internal sealed record RatioEntry(string Group, string Label, double Ratio);
