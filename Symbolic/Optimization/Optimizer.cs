using System.Diagnostics;
using System.Numerics;

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
    /// <param name="cancellationToken">
    /// Stops the run before its next evaluation (within an iteration's line search too); the result then has
    /// <see cref="StopReason.Cancelled"/> and the last accepted point (no exception). If the token is cancelled
    /// before the run starts, the start point is not evaluated: the result's value and gradient norm are NaN.
    /// </param>
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
        var run = RunAsync(new Objective<double>(objective.Invoke, cancellationToken), (double[])start.Clone(), monitor);
        // A GradientFunc completes every evaluation synchronously, so the run has completed here.
        Debug.Assert(run.IsCompleted);
        return AsDouble(run.GetAwaiter().GetResult());
    }

    /// <summary>
    /// Minimises a single-precision <paramref name="objective"/> from <paramref name="start"/>: the same method as
    /// for doubles on float parameters (the optimiser is generic over the element type), with its reductions
    /// (norms, dot products) summed and its updates computed in double, then rounded to float.
    /// </summary>
    /// <param name="objective">Writes ∇f(w) into its second argument and returns f(w), in float.</param>
    /// <param name="start">The start point (not modified).</param>
    /// <param name="stopping">When to stop; <see cref="StoppingCriteria.Default"/> if null.</param>
    /// <param name="progress">Receives one report per iteration (its parameters widened to double), synchronously on the optimiser's thread.</param>
    /// <param name="cancellationToken">Stops the run before its next evaluation, as for doubles.</param>
    /// <returns>The best point found (float), its value, and why the run stopped.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> or <paramref name="start"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A stopping criterion is out of range.</exception>
#pragma warning disable RS0026 // differs from the double overload in the type of every required argument
    public OptimizationResult<float> Minimize(
        SingleGradientFunc objective, float[] start, StoppingCriteria? stopping = null,
        IProgress<OptimizationProgress>? progress = null, CancellationToken cancellationToken = default)
#pragma warning restore RS0026
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(start);
        var monitor = new ConvergenceMonitor(stopping, progress, cancellationToken);
        var run = RunAsync(new Objective<float>(objective.Invoke, cancellationToken), (float[])start.Clone(), monitor);
        Debug.Assert(run.IsCompleted);
        return run.GetAwaiter().GetResult();
    }

    /// <summary>The generic loops' result for doubles as the double API's record (the same fields).</summary>
    internal static OptimizationResult AsDouble(OptimizationResult<double> result) =>
        new(result.Minimizer, result.Value, result.GradientNorm, result.Iterations, result.Evaluations, result.Reason);

    /// <summary>
    /// Minimises an objective whose evaluations may complete asynchronously (a gradient computed on other
    /// machines or threads). The iterates are those <see cref="Minimize(GradientFunc, double[], StoppingCriteria?, IProgress{OptimizationProgress}?, CancellationToken)"/> gives for the same function, bit for bit.
    /// </summary>
    /// <param name="objective">Writes ∇f(x) into its gradient argument and returns f(x); evaluated one call at a time.</param>
    /// <param name="start">The start point (not modified).</param>
    /// <param name="stopping">When to stop; <see cref="StoppingCriteria.Default"/> if null.</param>
    /// <param name="progress">Receives one report per iteration, synchronously on the thread that completed the iteration's last evaluation.</param>
    /// <param name="cancellationToken">
    /// Passed to every evaluation; once cancelled, no further evaluation starts, an evaluation that ends in an
    /// <see cref="OperationCanceledException"/> for this token is abandoned, and the result has
    /// <see cref="StopReason.Cancelled"/> and the last accepted point (no exception).
    /// </param>
    /// <returns>The best point found, its value, and why the run stopped. Exceptions of the objective (other than cancellation) propagate through the task.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> or <paramref name="start"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A stopping criterion is out of range.</exception>
    public Task<OptimizationResult> MinimizeAsync(
        IAsyncObjective objective, double[] start, StoppingCriteria? stopping = null,
        IProgress<OptimizationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(start);
        var monitor = new ConvergenceMonitor(stopping, progress, cancellationToken);
        var run = RunAsync(new Objective<double>(objective, cancellationToken), (double[])start.Clone(), monitor);
        return Completed(run);

        static async Task<OptimizationResult> Completed(ValueTask<OptimizationResult<double>> run) => AsDouble(await run.ConfigureAwait(false));
    }

    /// <summary>
    /// The method itself, on a private copy of the start point, for either element type: one loop for
    /// <see cref="Minimize(GradientFunc, double[], StoppingCriteria?, IProgress{OptimizationProgress}?, CancellationToken)"/>,
    /// its float overload and <see cref="MinimizeAsync"/> (it completes synchronously when every evaluation does).
    /// </summary>
    private protected abstract ValueTask<OptimizationResult<T>> RunAsync<T>(Objective<T> objective, T[] x, ConvergenceMonitor monitor) where T : IFloatingPointIeee754<T>;
}
