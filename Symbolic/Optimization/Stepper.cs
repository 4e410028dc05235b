namespace Symbolic.Optimization;

/// <summary>
/// One run's update rule and its state (velocity, moment estimates ...): turns a gradient into a step.
/// A <see cref="StochasticOptimizer"/> creates a fresh one for every run; write one to define an optimiser
/// of your own (see docs/training.md).
/// </summary>
/// <remarks>
/// A stepper is used by one run, on one thread at a time. The optimiser calls <see cref="Step"/> once per
/// iteration on an exact gradient, once per minibatch under <see cref="MinibatchSgd"/>.
/// </remarks>
public abstract class Stepper
{
    /// <summary>Creates the stepper for a run over <paramref name="dimension"/> parameters.</summary>
    /// <param name="dimension">The number of parameters; <see cref="Step"/> accepts exactly that many.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is negative.</exception>
    protected Stepper(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        Dimension = dimension;
    }

    /// <summary>The number of parameters this stepper was made for (its state, e.g. a velocity, is that long).</summary>
    public int Dimension { get; }

    /// <summary>The number of steps taken so far.</summary>
    public int Steps { get; private set; }

    /// <summary>Moves <paramref name="parameters"/> by one step computed from <paramref name="gradient"/>.</summary>
    /// <param name="parameters">The parameters, updated in place.</param>
    /// <param name="gradient">The gradient at <paramref name="parameters"/>, as long.</param>
    /// <returns>The Euclidean length of the step.</returns>
    /// <exception cref="ArgumentException">The parameters are not <see cref="Dimension"/> long, or the gradient's length differs from theirs.</exception>
    public double Step(Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        // Checked here, once, so that an update rule may index its own state by the parameters' positions.
        if (parameters.Length != Dimension)
            throw new ArgumentException($"The parameters have length {parameters.Length}; this stepper was created for {Dimension}.", nameof(parameters));
        if (gradient.Length != parameters.Length)
            throw new ArgumentException($"The gradient has length {gradient.Length}; it must have the parameters' length, {parameters.Length}.", nameof(gradient));
        var length = Update(parameters, gradient, Steps);
        Steps++;
        return length;
    }

    /// <summary>The update rule: moves <paramref name="parameters"/> by one step and returns the step's Euclidean length.</summary>
    /// <param name="parameters">The parameters, updated in place.</param>
    /// <param name="gradient">The gradient at <paramref name="parameters"/> (same length).</param>
    /// <param name="step">The number of the step, from 0 (for learning-rate schedules and bias corrections).</param>
    /// <returns>The Euclidean length of the step.</returns>
    protected abstract double Update(Span<double> parameters, ReadOnlySpan<double> gradient, int step);
}
