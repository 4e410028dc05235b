using Symbolic.Optimization;

namespace Symbolic.Samples;

/// <summary>
/// Keeps the loss of every progress report, in order (the optimizers report iteration 0, then every
/// iteration or epoch), and forwards each report to an optional printer.
/// </summary>
internal sealed class LossRecorder(Action<OptimizationProgress>? print = null) : IProgress<OptimizationProgress>
{
    private readonly List<double> _losses = [];

    /// <summary>The reported losses; index i is iteration (or epoch) i.</summary>
    public IReadOnlyList<double> Losses => _losses;

    /// <inheritdoc/>
    public void Report(OptimizationProgress value)
    {
        _losses.Add(value.Value);
        print?.Invoke(value);
    }
}
