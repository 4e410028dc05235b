namespace Symbolic.Optimization;

/// <summary>
/// One iteration's figures, reported through <see cref="IProgress{T}"/>: iteration 0 is the start
/// point, then one report per iteration (per epoch for minibatch training).
/// </summary>
/// <param name="Iteration">The iteration number; 0 for the start point.</param>
/// <param name="Value">The function value after the iteration (for minibatch training, the mean minibatch loss over the epoch).</param>
/// <param name="GradientNorm">The Euclidean norm of the gradient at that point (for minibatch training, of the epoch's mean minibatch gradient).</param>
/// <param name="Step">The Euclidean length of the step the iteration took (0 for iteration 0; for minibatch training, the epoch's net displacement).</param>
public readonly record struct OptimizationProgress(int Iteration, double Value, double GradientNorm, double Step)
{
    /// <summary>
    /// A read-only view of the parameters at this point, valid only during the callback that receives the
    /// report (the optimiser reuses the buffer afterwards): copy it (<c>Parameters.ToArray()</c>) to keep it.
    /// Empty for a report made without one.
    /// </summary>
    public ReadOnlyMemory<double> Parameters { get; init; }

    /// <summary>Whether two reports have the same figures (the transient <see cref="Parameters"/> view is not compared).</summary>
    /// <param name="other">The other report.</param>
    /// <returns>True if the iteration, value, gradient norm and step are equal.</returns>
    public bool Equals(OptimizationProgress other) =>
        Iteration == other.Iteration && Value.Equals(other.Value) && GradientNorm.Equals(other.GradientNorm) && Step.Equals(other.Step);

    /// <summary>A hash of the figures compared by <see cref="Equals(OptimizationProgress)"/>.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => HashCode.Combine(Iteration, Value, GradientNorm, Step);
}
