namespace Symbolic.Optimization;

/// <summary>
/// A method that minimises a differentiable function given its value and gradient: a compiled
/// <see cref="GradientFunc"/> (<see cref="Calculus.CompileGradient(System.Linq.Expressions.Expression{Func{double[], double}})"/>),
/// a <see cref="BatchGradient{TRow}"/>'s <c>Evaluate</c>, or any <c>Func&lt;double[], double[], double&gt;</c>
/// (see <see cref="OptimizerExtensions"/>).
/// </summary>
/// <remarks>
/// Runs are deterministic: the same function, start point and options give the same iterates, bit for
/// bit (unless stopped by a time limit or a cancellation). An optimiser holds only its options, so one
/// instance may run several minimisations at once on different threads.
/// </remarks>
public abstract class Optimizer
{
    private protected Optimizer() { }

    /// <summary>Minimises <paramref name="objective"/> from <paramref name="start"/>.</summary>
    /// <param name="objective">Writes ∇f(x) into its second argument and returns f(x).</param>
    /// <param name="start">The start point (not modified).</param>
    /// <param name="stopping">When to stop; <see cref="StoppingCriteria.Default"/> if null.</param>
    /// <param name="progress">
    /// Receives one report per iteration, synchronously on the optimiser's thread (note that
    /// <see cref="Progress{T}"/> forwards reports asynchronously, possibly out of order).
    /// </param>
    /// <param name="cancellationToken">Stops the run at the next iteration; the result then has <see cref="StopReason.Cancelled"/> (no exception).</param>
    /// <returns>The best point found, its value, and why the run stopped.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> or <paramref name="start"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A stopping criterion is out of range.</exception>
    public OptimizationResult Minimize(
        GradientFunc objective, double[] start, StoppingCriteria? stopping = null,
        IProgress<OptimizationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(start);
        var monitor = new ConvergenceMonitor(stopping, progress, cancellationToken);
        return Run(new Objective(objective), (double[])start.Clone(), monitor);
    }

    /// <summary>The method itself, on a private copy of the start point.</summary>
    private protected abstract OptimizationResult Run(Objective objective, double[] x, ConvergenceMonitor monitor);
}
