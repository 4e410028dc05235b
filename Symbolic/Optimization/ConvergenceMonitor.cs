using System.Diagnostics;
using System.Numerics;

namespace Symbolic.Optimization;

/// <summary>One run's stopping criteria, clock, cancellation token and progress sink.</summary>
internal sealed class ConvergenceMonitor
{
    private readonly StoppingCriteria _criteria;
    private readonly IProgress<OptimizationProgress>? _progress;
    private readonly CancellationToken _cancellationToken;
    private readonly long _started = Stopwatch.GetTimestamp();

    public ConvergenceMonitor(StoppingCriteria? criteria, IProgress<OptimizationProgress>? progress, CancellationToken cancellationToken)
    {
        _criteria = criteria ?? StoppingCriteria.Default;
        _criteria.Validate();
        (_progress, _cancellationToken) = (progress, cancellationToken);
    }

    private bool _stopRequested;

    /// <summary>
    /// Reports a point to the progress sink and to <see cref="StoppingCriteria.StopWhen"/>, whose answer
    /// <see cref="After"/> then returns. The point is lent to the callbacks for the duration of the call.
    /// </summary>
    public void Report<T>(int iteration, double value, double gradientNorm, double step, T[] parameters) where T : IFloatingPointIeee754<T>
    {
        if (_progress is null && _criteria.StopWhen is null) return;
        // Float parameters are widened into a copy, only when someone listens.
        var report = new OptimizationProgress(iteration, value, gradientNorm, step) { Parameters = Vectors.Widened(parameters) };
        _progress?.Report(report);
        if (_criteria.StopWhen is { } stopWhen && stopWhen(report)) _stopRequested = true;
    }

    /// <summary>Whether the start point already satisfies a criterion (a zero gradient, a stop requested, no iterations allowed, cancelled).</summary>
    public StopReason? AtStart(double gradientNorm) =>
        gradientNorm <= _criteria.GradientTolerance ? StopReason.GradientTolerance
        : _stopRequested ? StopReason.StopRequested
        : _criteria.MaxIterations == 0 ? StopReason.MaxIterations
        : Interrupted();

    /// <summary>The criterion the iteration just done meets, if any, in the order of <see cref="StopReason"/>.</summary>
    public StopReason? After(int iteration, double previousValue, double value, double gradientNorm)
    {
        if (gradientNorm <= _criteria.GradientTolerance) return StopReason.GradientTolerance;
        if (_criteria.FunctionTolerance > 0 &&
            Math.Abs(previousValue - value) <= _criteria.FunctionTolerance * Math.Max(Math.Abs(previousValue), Math.Abs(value)))
            return StopReason.FunctionTolerance;
        if (_stopRequested) return StopReason.StopRequested;
        if (iteration >= _criteria.MaxIterations) return StopReason.MaxIterations;
        return Interrupted();
    }

    /// <summary>Time limit or cancellation: may be checked at any moment (minibatch training checks it per batch).</summary>
    public StopReason? Interrupted() =>
        _cancellationToken.IsCancellationRequested ? StopReason.Cancelled
        : _criteria.MaxTime is { } limit && Stopwatch.GetElapsedTime(_started) >= limit ? StopReason.TimeLimit
        : null;
}
