using Symbolic.Optimization;

namespace Symbolic.Tests.Optimization;

/// <summary>
/// An <see cref="IAsyncObjective"/> over a compiled gradient that always completes asynchronously (it yields
/// before evaluating), recording every point it is asked to evaluate.
/// </summary>
internal sealed class YieldingObjective(GradientFunc function) : IAsyncObjective
{
    public List<double[]> Points { get; } = [];

    /// <summary>Runs before each evaluation with the 1-based call number (to cancel, throw ...).</summary>
    public Func<int, CancellationToken, Task>? BeforeCall { get; init; }

    public async ValueTask<double> EvaluateAsync(double[] w, double[] gradient, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Points.Add((double[])w.Clone());
        if (BeforeCall is { } before) await before(Points.Count, cancellationToken);
        return function(w, gradient);
    }
}
