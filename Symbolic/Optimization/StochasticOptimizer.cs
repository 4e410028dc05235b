namespace Symbolic.Optimization;

/// <summary>
/// An optimiser whose steps come from gradients alone, with no line search (<see cref="Momentum"/>,
/// <see cref="Adam"/>, or one of your own): it works on exact gradients (<see cref="Optimizer.Minimize(GradientFunc, double[], StoppingCriteria?, IProgress{OptimizationProgress}?, CancellationToken)"/>,
/// <see cref="Optimizer.MinimizeAsync"/>), and on noisy minibatch gradients through <see cref="MinibatchSgd"/>.
/// </summary>
/// <remarks>
/// <para>
/// To write an optimiser, derive from this class and return a fresh <see cref="Stepper"/> from
/// <see cref="CreateStepper"/>; the iteration loop, stopping, progress and cancellation come from here.
/// </para>
/// <para>
/// On an exact gradient, one iteration is one evaluation and one step; the value reported is the value
/// after the step. If a step reaches a point where the value or gradient is not finite, the run stops
/// with <see cref="StopReason.NotFinite"/> and returns the point before that step.
/// </para>
/// </remarks>
public abstract class StochasticOptimizer : Optimizer
{
    /// <summary>Initialises the optimiser.</summary>
    // Deliberate: Optimizer stays closed (its RunAsync is private protected and invisible outside), and this
    // class is the public extension point; RS0022 flags the opening of the hierarchy as such.
#pragma warning disable RS0022
    protected StochasticOptimizer() { }
#pragma warning restore RS0022

    /// <summary>A fresh update state (velocity, moment estimates ...) for one run over <paramref name="dimension"/> parameters.</summary>
    /// <param name="dimension">The number of parameters.</param>
    /// <returns>A new stepper, used by that run only.</returns>
    public abstract Stepper CreateStepper(int dimension);

    /// <summary>A new stepper, checked: user code may return null.</summary>
    internal Stepper NewStepper(int dimension) =>
        CreateStepper(dimension) ?? throw new InvalidOperationException($"{GetType().Name}.CreateStepper returned null; it must return a new Stepper.");

    private protected sealed override async ValueTask<OptimizationResult<T>> RunAsync<T>(Objective<T> objective, T[] x, ConvergenceMonitor monitor)
    {
        var stepper = NewStepper(x.Length);
        var gradient = new T[x.Length];
        var previous = new T[x.Length];
        // Steppers update doubles. Float parameters get a double master copy that the steps accumulate in (so
        // small steps are not lost to float rounding) and a widened gradient; for doubles both are the vectors themselves.
        var master = Vectors.Widened(x);
        var wideGradient = Vectors.Widened(gradient);
        var value = await objective.EvaluateAsync(x, gradient).ConfigureAwait(false);
        var gradientNorm = Vectors.Norm(gradient);
        if (!double.IsFinite(value) || !double.IsFinite(gradientNorm))
            return objective.Result(x, value, gradientNorm, 0, StopReason.NotFinite);
        monitor.Report(0, value, gradientNorm, 0, x);
        var stop = monitor.AtStart(gradientNorm);
        var iteration = 0;
        while (stop is null)
        {
            Array.Copy(x, previous, x.Length);
            if (!ReferenceEquals(wideGradient, gradient)) Vectors.Widen(gradient, wideGradient);
            var step = stepper.Step(master, wideGradient);
            if (!ReferenceEquals(master, x)) Vectors.Narrow(master, x);
            iteration++;
            var newValue = await objective.EvaluateAsync(x, gradient).ConfigureAwait(false);
            var newNorm = Vectors.Norm(gradient);
            if (!double.IsFinite(newValue) || !double.IsFinite(newNorm))
            {
                // A cancelled evaluation undoes the iteration; a step to a non-finite point counts as one done.
                return objective.Result(previous, value, gradientNorm, objective.Cancelled ? iteration - 1 : iteration, StopReason.NotFinite);
            }
            monitor.Report(iteration, newValue, newNorm, step, x);
            stop = monitor.After(iteration, value, newValue, newNorm);
            (value, gradientNorm) = (newValue, newNorm);
        }
        return objective.Result(x, value, gradientNorm, iteration, stop.Value);
    }
}
