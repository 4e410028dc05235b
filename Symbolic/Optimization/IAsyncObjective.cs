namespace Symbolic.Optimization;

/// <summary>
/// A value-and-gradient function whose evaluation may complete asynchronously: a gradient computed on
/// other machines (a cluster of data partitions), on other threads, or behind I/O. Optimisers run it
/// through <c>MinimizeAsync</c>; a synchronous <see cref="GradientFunc"/> needs no wrapper.
/// </summary>
public interface IAsyncObjective
{
    /// <summary>Writes ∇f(<paramref name="w"/>) into <paramref name="gradient"/> and returns f(<paramref name="w"/>).</summary>
    /// <param name="w">The parameters; not modified, and not to be kept after the returned task completes.</param>
    /// <param name="gradient">Receives the gradient; as long as <paramref name="w"/>.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>The function value at <paramref name="w"/>.</returns>
    ValueTask<double> EvaluateAsync(double[] w, double[] gradient, CancellationToken cancellationToken);
}
