using System.Numerics;

namespace Symbolic.Optimization;

/// <summary>
/// The outcome of a minimisation over parameters of type <typeparamref name="T"/> (float, from
/// <see cref="Optimizer.Minimize(SingleGradientFunc, float[], StoppingCriteria?, IProgress{OptimizationProgress}?, CancellationToken)"/>):
/// as <see cref="OptimizationResult"/>, with the minimiser in the parameters' own type.
/// </summary>
/// <typeparam name="T">The parameters' type: float or double.</typeparam>
/// <param name="Minimizer">The best point found: a new array owned by the caller (the start array is never modified).</param>
/// <param name="Value">The function value at <paramref name="Minimizer"/>, widened to double.</param>
/// <param name="GradientNorm">The Euclidean norm of the gradient at <paramref name="Minimizer"/>, summed in double.</param>
/// <param name="Iterations">The number of iterations done.</param>
/// <param name="Evaluations">The number of calls of the gradient function (each returns the value too).</param>
/// <param name="Reason">Why the run stopped.</param>
public sealed record OptimizationResult<T>(T[] Minimizer, double Value, double GradientNorm, int Iterations, int Evaluations, StopReason Reason)
    where T : IFloatingPointIeee754<T>
{
    /// <summary>Whether the run stopped because a tolerance was met (gradient or function change), rather than a limit or a failure.</summary>
    public bool Converged => Reason is StopReason.GradientTolerance or StopReason.FunctionTolerance;
}
