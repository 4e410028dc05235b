namespace Symbolic.Optimization;

/// <summary>Minimisation of gradients given as plain delegates.</summary>
public static class OptimizerExtensions
{
    /// <summary>
    /// Minimises a value-and-gradient function given as a <c>Func</c>: it writes ∇f(x) into its second
    /// argument and returns f(x), like <see cref="GradientFunc"/>. (Lambdas and method groups bind to
    /// <see cref="Optimizer.Minimize(GradientFunc, double[], StoppingCriteria?, IProgress{OptimizationProgress}?, CancellationToken)"/> directly; this overload takes a <c>Func</c> held in a variable.)
    /// </summary>
    /// <param name="optimizer">The method.</param>
    /// <param name="objective">Writes ∇f(x) into its second argument and returns f(x).</param>
    /// <param name="start">The start point (not modified).</param>
    /// <param name="stopping">When to stop; <see cref="StoppingCriteria.Default"/> if null.</param>
    /// <param name="progress">Receives one report per iteration, synchronously.</param>
    /// <param name="cancellationToken">Stops the run at the next iteration (no exception).</param>
    /// <returns>The best point found, its value, and why the run stopped.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="optimizer"/>, <paramref name="objective"/> or <paramref name="start"/> is null.</exception>
    public static OptimizationResult Minimize(
        this Optimizer optimizer, Func<double[], double[], double> objective, double[] start, StoppingCriteria? stopping = null,
        IProgress<OptimizationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(objective);
        return optimizer.Minimize(new GradientFunc(objective), start, stopping, progress, cancellationToken);
    }
}
