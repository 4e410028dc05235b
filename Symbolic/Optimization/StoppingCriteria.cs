namespace Symbolic.Optimization;

/// <summary>
/// When an optimiser stops. The first criterion met ends the run; the result's
/// <see cref="OptimizationResult.Reason"/> says which. A tolerance of 0 turns its criterion off.
/// </summary>
/// <remarks>
/// For minibatch training an iteration is an epoch (one pass over the data), and the value and
/// gradient tested are the epoch's averages over its minibatches.
/// </remarks>
public sealed record StoppingCriteria
{
    /// <summary>The criteria used when none are given: at most 1,000 iterations, gradient norm 1e-8.</summary>
    public static StoppingCriteria Default { get; } = new();

    /// <summary>The largest number of iterations (steps). Default 1,000.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Stop when the Euclidean norm of the gradient is at most this. Default 1e-8; 0 turns it off.</summary>
    public double GradientTolerance { get; init; } = 1e-8;

    /// <summary>
    /// Stop when an iteration changes the function value by at most this fraction of its magnitude:
    /// |f(k) − f(k+1)| ≤ tolerance · max(|f(k)|, |f(k+1)|). Default 0 (off).
    /// </summary>
    public double FunctionTolerance { get; init; }

    /// <summary>Stop when this much time has elapsed since the run started (checked once per iteration). Default none.</summary>
    /// <remarks>A run stopped by time is not reproducible: how far it gets depends on the machine.</remarks>
    public TimeSpan? MaxTime { get; init; }

    /// <summary>
    /// A test run on every progress report (the start point's, then one per iteration; per epoch for
    /// minibatch training), after the <see cref="IProgress{T}"/> sink: returning true stops the run with
    /// <see cref="StopReason.StopRequested"/> and the reported point — early stopping on a held-out loss,
    /// say, computed from <see cref="OptimizationProgress.Parameters"/>. Default null.
    /// </summary>
    /// <remarks>Called synchronously on the optimiser's thread; an exception it throws ends the run and propagates.</remarks>
    public Func<OptimizationProgress, bool>? StopWhen { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxIterations, nameof(MaxIterations));
        if (!(GradientTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(GradientTolerance), GradientTolerance, "The gradient tolerance must be 0 (off) or positive.");
        if (!(FunctionTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(FunctionTolerance), FunctionTolerance, "The function tolerance must be 0 (off) or positive.");
        if (MaxTime is { } time && time < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MaxTime), time, "The time limit must not be negative.");
    }
}
