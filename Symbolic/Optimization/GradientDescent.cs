namespace Symbolic.Optimization;

/// <summary>
/// Steepest descent with a backtracking line search: from x, trial steps α, ρα, ρ²α ... along −∇f(x)
/// until the Armijo condition f(x − α∇f) ≤ f(x) − c₁·α·|∇f|² holds. The next iteration starts from
/// the accepted α times <see cref="GradientDescentOptions.Growth"/>, so the step adapts both ways.
/// </summary>
/// <remarks>
/// Monotone (every accepted step decreases f) and robust, but linear convergence: slow on
/// ill-conditioned problems, where <see cref="Lbfgs"/> is the better choice.
/// </remarks>
public sealed class GradientDescent : Optimizer
{
    /// <summary>Creates the optimiser.</summary>
    /// <param name="options">The line search's parameters; the defaults if null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public GradientDescent(GradientDescentOptions? options = null)
    {
        Options = options ?? new GradientDescentOptions();
        Options.Validate();
    }

    /// <summary>The options this optimiser runs with.</summary>
    public GradientDescentOptions Options { get; }

    private protected override async ValueTask<OptimizationResult<T>> RunAsync<T>(Objective<T> objective, T[] x, ConvergenceMonitor monitor)
    {
        var gradient = new T[x.Length];
        var trial = new T[x.Length];
        var trialGradient = new T[x.Length];
        var value = await objective.EvaluateAsync(x, gradient).ConfigureAwait(false);
        var gradientNorm = Vectors.Norm(gradient);
        if (!double.IsFinite(value) || !double.IsFinite(gradientNorm))
            return objective.Result(x, value, gradientNorm, 0, StopReason.NotFinite);
        monitor.Report(0, value, gradientNorm, 0, x);
        var stop = monitor.AtStart(gradientNorm);
        var (iteration, alpha) = (0, Options.InitialStep);
        while (stop is null)
        {
            var squaredNorm = gradientNorm * gradientNorm;
            var accepted = double.NaN;
            for (var t = 0; t < Options.MaxTrials; t++, alpha *= Options.Shrink)
            {
                Vectors.SetSum(trial, x, -alpha, gradient);
                accepted = await objective.EvaluateAsync(trial, trialGradient).ConfigureAwait(false);
                // Strictly lower too: when α·|∇f|² is below f's rounding, a step that does not move x would pass.
                if (objective.Cancelled) break;
                if (double.IsFinite(accepted) && accepted < value && accepted <= value - Options.SufficientDecrease * alpha * squaredNorm) break;
                accepted = double.NaN;
            }
            if (double.IsNaN(accepted)) { stop = StopReason.LineSearchFailed; break; }

            iteration++;
            (x, trial) = (trial, x);
            (gradient, trialGradient) = (trialGradient, gradient);
            var newNorm = Vectors.Norm(gradient);
            if (!double.IsFinite(newNorm))
                return objective.Result(trial, value, gradientNorm, iteration, StopReason.NotFinite);
            monitor.Report(iteration, accepted, newNorm, alpha * gradientNorm, x);
            stop = monitor.After(iteration, value, accepted, newNorm);
            (value, gradientNorm) = (accepted, newNorm);
            alpha *= Options.Growth;
        }
        return objective.Result(x, value, gradientNorm, iteration, stop.Value);
    }
}
