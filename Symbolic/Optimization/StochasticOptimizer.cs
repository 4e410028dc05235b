namespace Symbolic.Optimization;

/// <summary>
/// An optimiser whose steps come from gradients alone, with no line search (<see cref="Momentum"/>,
/// <see cref="Adam"/>): it works on exact gradients, and on noisy minibatch gradients through
/// <see cref="MinibatchSgd"/>.
/// </summary>
/// <remarks>
/// On an exact gradient, one iteration is one evaluation and one step; the value reported is the value
/// after the step. If a step reaches a point where the value or gradient is not finite, the run stops
/// with <see cref="StopReason.NotFinite"/> and returns the point before that step.
/// </remarks>
public abstract class StochasticOptimizer : Optimizer
{
    private protected StochasticOptimizer() { }

    /// <summary>A fresh update state (velocity, moment estimates ...) for one run over <paramref name="dimension"/> parameters.</summary>
    internal abstract Stepper CreateStepper(int dimension);

    /// <summary>A run's update rule and state: turns a gradient into a step.</summary>
    internal abstract class Stepper
    {
        /// <summary>Moves <paramref name="x"/> by one step computed from <paramref name="gradient"/>; returns the step's length.</summary>
        public abstract double Step(double[] x, double[] gradient);
    }

    private protected sealed override async ValueTask<OptimizationResult> RunAsync(Objective objective, double[] x, ConvergenceMonitor monitor)
    {
        var stepper = CreateStepper(x.Length);
        var gradient = new double[x.Length];
        var previous = new double[x.Length];
        var value = await objective.EvaluateAsync(x, gradient).ConfigureAwait(false);
        var gradientNorm = Vectors.Norm(gradient);
        if (!double.IsFinite(value) || !double.IsFinite(gradientNorm))
            return objective.Result(x, value, gradientNorm, 0, StopReason.NotFinite);
        monitor.Report(0, value, gradientNorm, 0);
        var stop = monitor.AtStart(gradientNorm);
        var iteration = 0;
        while (stop is null)
        {
            Array.Copy(x, previous, x.Length);
            var step = stepper.Step(x, gradient);
            iteration++;
            var newValue = await objective.EvaluateAsync(x, gradient).ConfigureAwait(false);
            var newNorm = Vectors.Norm(gradient);
            if (!double.IsFinite(newValue) || !double.IsFinite(newNorm))
            {
                // A cancelled evaluation undoes the iteration; a step to a non-finite point counts as one done.
                return objective.Result(previous, value, gradientNorm, objective.Cancelled ? iteration - 1 : iteration, StopReason.NotFinite);
            }
            monitor.Report(iteration, newValue, newNorm, step);
            stop = monitor.After(iteration, value, newValue, newNorm);
            (value, gradientNorm) = (newValue, newNorm);
        }
        return objective.Result(x, value, gradientNorm, iteration, stop.Value);
    }
}
