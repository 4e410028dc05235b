namespace Symbolic.Optimization;

/// <summary>
/// One iteration's figures, reported through <see cref="IProgress{T}"/>: iteration 0 is the start
/// point, then one report per iteration (per epoch for minibatch training).
/// </summary>
/// <param name="Iteration">The iteration number; 0 for the start point.</param>
/// <param name="Value">The function value after the iteration (for minibatch training, the mean minibatch loss over the epoch).</param>
/// <param name="GradientNorm">The Euclidean norm of the gradient at that point (for minibatch training, of the epoch's mean minibatch gradient).</param>
/// <param name="Step">The Euclidean length of the step the iteration took (0 for iteration 0; for minibatch training, the epoch's net displacement).</param>
public readonly record struct OptimizationProgress(int Iteration, double Value, double GradientNorm, double Step);
