namespace Symbolic.Optimization;

/// <summary>The outcome of a minimisation.</summary>
/// <param name="Minimizer">The best point found: a new array owned by the caller (the start array is never modified).</param>
/// <param name="Value">The function value at <paramref name="Minimizer"/>.</param>
/// <param name="GradientNorm">The Euclidean norm of the gradient at <paramref name="Minimizer"/>.</param>
/// <param name="Iterations">The number of iterations done (epochs, for minibatch training).</param>
/// <param name="Evaluations">The number of calls of the gradient function (each returns the value too).</param>
/// <param name="Reason">Why the run stopped.</param>
public sealed record OptimizationResult(double[] Minimizer, double Value, double GradientNorm, int Iterations, int Evaluations, StopReason Reason)
{
    /// <summary>Whether the run stopped because a tolerance was met (gradient or function change), rather than a limit or a failure.</summary>
    public bool Converged => Reason is StopReason.GradientTolerance or StopReason.FunctionTolerance;
}
