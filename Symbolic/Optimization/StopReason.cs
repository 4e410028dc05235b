namespace Symbolic.Optimization;

/// <summary>Why an optimiser stopped.</summary>
public enum StopReason
{
    /// <summary>The gradient norm fell to <see cref="StoppingCriteria.GradientTolerance"/> or below: converged.</summary>
    GradientTolerance,

    /// <summary>The relative change of the function value fell to <see cref="StoppingCriteria.FunctionTolerance"/> or below.</summary>
    FunctionTolerance,

    /// <summary><see cref="StoppingCriteria.MaxIterations"/> iterations were done.</summary>
    MaxIterations,

    /// <summary><see cref="StoppingCriteria.MaxTime"/> elapsed.</summary>
    TimeLimit,

    /// <summary>The cancellation token was cancelled; the result holds the last accepted point.</summary>
    Cancelled,

    /// <summary>
    /// The line search found no point with a sufficient decrease along a descent direction: usually the
    /// limit of floating-point precision near a minimum, or a gradient that does not match the function.
    /// </summary>
    LineSearchFailed,

    /// <summary>
    /// A step led to a value or gradient that is not finite (a learning rate too large, or a model
    /// evaluated outside its domain); the result holds the last point with finite values.
    /// </summary>
    NotFinite,

    /// <summary>
    /// <see cref="StoppingCriteria.StopWhen"/> returned true for a progress report (early stopping, say on a
    /// held-out loss); the result holds the point of that report.
    /// </summary>
    StopRequested,
}
