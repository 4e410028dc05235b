using Symbolic.Optimization;

namespace Symbolic.Tests.Optimization;

/// <summary>Collects progress reports synchronously (unlike <see cref="Progress{T}"/>, which posts them).</summary>
internal sealed class ProgressLog : IProgress<OptimizationProgress>
{
    public List<OptimizationProgress> Reports { get; } = [];

    public void Report(OptimizationProgress value) => Reports.Add(value);
}
