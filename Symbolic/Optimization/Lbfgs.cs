using System.Numerics;

namespace Symbolic.Optimization;

/// <summary>
/// Limited-memory BFGS (Nocedal, 1980; Liu and Nocedal, 1989): a quasi-Newton method whose search
/// direction applies an inverse-Hessian approximation built from the last m steps and gradient changes
/// (the two-loop recursion), with a line search for the strong Wolfe conditions. Superlinear
/// convergence near a minimum, O(m·n) memory and work per iteration: the method of choice for smooth
/// full-batch problems.
/// </summary>
/// <remarks>
/// The first step is scaled to length 1 (at most); afterwards the unit step of the quasi-Newton
/// direction is tried first. A direction that fails to descend or a failed line search clears the
/// memory and retries once along −∇f; a second failure stops the run with
/// <see cref="StopReason.LineSearchFailed"/>, typically at the limit of floating-point precision.
/// </remarks>
public sealed class Lbfgs : Optimizer
{
    private readonly WolfeLineSearch _lineSearch;

    /// <summary>Creates the optimiser.</summary>
    /// <param name="options">The memory size and line-search constants; the defaults if null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public Lbfgs(LbfgsOptions? options = null)
    {
        Options = options ?? new LbfgsOptions();
        Options.Validate();
        _lineSearch = new(Options.SufficientDecrease, Options.Curvature, Options.MaxLineSearchEvaluations);
    }

    /// <summary>The options this optimiser runs with.</summary>
    public LbfgsOptions Options { get; }

    private protected override async ValueTask<OptimizationResult<T>> RunAsync<T>(Objective<T> objective, T[] x, ConvergenceMonitor monitor)
    {
        var n = x.Length;
        // The search direction and the curvature pairs stay in double whatever the parameters' type.
        var (gradient, direction, trial, trialGradient) = (new T[n], new double[n], new T[n], new T[n]);
        var memory = new CurvatureMemory(Options.Memory, n);
        var value = await objective.EvaluateAsync(x, gradient).ConfigureAwait(false);
        var gradientNorm = Vectors.Norm(gradient);
        if (!double.IsFinite(value) || !double.IsFinite(gradientNorm))
            return objective.Result(x, value, gradientNorm, 0, StopReason.NotFinite);
        monitor.Report(0, value, gradientNorm, 0, x);
        var stop = monitor.AtStart(gradientNorm);
        var iteration = 0;
        while (stop is null)
        {
            var accepted = await SearchAlongAsync(objective, memory, x, gradient, value, gradientNorm, direction, trial, trialGradient).ConfigureAwait(false);
            if (accepted is not { } point) { stop = StopReason.LineSearchFailed; break; }

            iteration++;
            memory.TryAdd(x, trial, gradient, trialGradient);
            var step = Vectors.Distance(x, trial);
            (x, trial) = (trial, x);
            (gradient, trialGradient) = (trialGradient, gradient);
            var newNorm = Vectors.Norm(gradient);
            if (!double.IsFinite(newNorm))
                return objective.Result(trial, value, gradientNorm, iteration, StopReason.NotFinite);
            monitor.Report(iteration, point.Value, newNorm, step, x);
            stop = monitor.After(iteration, value, point.Value, newNorm);
            (value, gradientNorm) = (point.Value, newNorm);
        }
        return objective.Result(x, value, gradientNorm, iteration, stop.Value);
    }

    /// <summary>
    /// One line search along the quasi-Newton direction; on failure (or no descent), once more along −∇f
    /// with the memory cleared. The accepted point is left in <paramref name="trial"/> and <paramref name="trialGradient"/>.
    /// </summary>
    private async ValueTask<LineSearchPoint?> SearchAlongAsync<T>(
        Objective<T> objective, CurvatureMemory memory, T[] x, T[] gradient, double value, double gradientNorm,
        double[] direction, T[] trial, T[] trialGradient) where T : IFloatingPointIeee754<T>
    {
        while (true)
        {
            memory.Direction(gradient, direction);
            var slope = Vectors.DotDirection(gradient, direction);
            var fresh = memory.Count == 0;
            if (!(slope < 0))
            {
                if (fresh) return null;
                memory.Clear();
                continue;
            }
            var firstAlpha = fresh ? Math.Min(1, 1 / gradientNorm) : 1;
            var point = await _lineSearch.SearchAsync(objective, x, direction, value, slope, firstAlpha, trial, trialGradient).ConfigureAwait(false);
            if (objective.Cancelled) return null;
            if (point is { Value: var v } && double.IsFinite(v)) return point;
            if (fresh) return null;
            memory.Clear();
        }
    }
}
