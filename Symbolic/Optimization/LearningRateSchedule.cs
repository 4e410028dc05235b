namespace Symbolic.Optimization;

/// <summary>
/// How the learning rate changes over a run: the factor the optimiser's base learning rate is multiplied by
/// at step t (t = 0, 1, 2 ...; one step per iteration on an exact gradient, per minibatch under
/// <see cref="MinibatchSgd"/>). Set it as <see cref="AdamOptions.Schedule"/> or <see cref="MomentumOptions.Schedule"/>.
/// </summary>
/// <example>
/// Five hundred steps of linear warm-up, then a cosine decay to 1 % over 10,000 steps:
/// <code>LearningRateSchedule.WarmUp(500, LearningRateSchedule.Cosine(10_000, minimum: 0.01))</code>
/// </example>
public abstract class LearningRateSchedule
{
    /// <summary>Initialises a schedule; derive to write your own.</summary>
    protected LearningRateSchedule() { }

    /// <summary>The factor of the base learning rate at step <paramref name="step"/>.</summary>
    /// <param name="step">The step number, from 0.</param>
    /// <returns>A finite, non-negative factor (1 keeps the base rate).</returns>
    public abstract double Factor(int step);

    /// <summary>The factor 1 at every step: the base learning rate throughout.</summary>
    public static LearningRateSchedule Constant { get; } = new ConstantSchedule();

    /// <summary>Step decay: the factor <paramref name="factor"/>^⌊t / <paramref name="every"/>⌋, multiplied by <paramref name="factor"/> every <paramref name="every"/> steps.</summary>
    /// <param name="every">The number of steps between decays (≥ 1).</param>
    /// <param name="factor">The factor applied at each decay, in (0, 1].</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static LearningRateSchedule StepDecay(int every, double factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        CheckDecay(factor, nameof(factor));
        return new FunctionSchedule(t => Math.Pow(factor, t / every));
    }

    /// <summary>Exponential decay: the factor <paramref name="decay"/>^t.</summary>
    /// <param name="decay">The factor per step, in (0, 1].</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decay"/> is out of range.</exception>
    public static LearningRateSchedule Exponential(double decay)
    {
        CheckDecay(decay, nameof(decay));
        return new FunctionSchedule(t => Math.Pow(decay, t));
    }

    /// <summary>
    /// Cosine annealing (Loshchilov and Hutter, 2017): m + (1 − m)·(1 + cos(π·t/T))/2 for t &lt; T, falling
    /// from 1 to the minimum m, and m from step T on.
    /// </summary>
    /// <param name="steps">T, the length of the decay (≥ 1).</param>
    /// <param name="minimum">m, the final factor, in [0, 1]. Default 0.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static LearningRateSchedule Cosine(int steps, double minimum = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (!(minimum >= 0 && minimum <= 1)) throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "The minimum factor must be in [0, 1].");
        return new FunctionSchedule(t => t >= steps ? minimum : minimum + (1 - minimum) * (1 + Math.Cos(Math.PI * t / steps)) / 2);
    }

    /// <summary>
    /// Linear warm-up: the factor (t + 1)/n for the first n steps, rising to 1, then <paramref name="then"/>
    /// started afresh (its step 0 is step n of the run).
    /// </summary>
    /// <param name="steps">n, the length of the warm-up (≥ 1).</param>
    /// <param name="then">The schedule after the warm-up; <see cref="Constant"/> if null.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is less than 1.</exception>
    public static LearningRateSchedule WarmUp(int steps, LearningRateSchedule? then = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var after = then ?? Constant;
        return new FunctionSchedule(t => t < steps ? (t + 1) / (double)steps : after.Factor(t - steps));
    }

    /// <summary>A schedule given by a function of the step number.</summary>
    /// <param name="factor">The factor at step t (finite, non-negative).</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factor"/> is null.</exception>
    public static LearningRateSchedule FromFunction(Func<int, double> factor)
    {
        ArgumentNullException.ThrowIfNull(factor);
        return new FunctionSchedule(factor);
    }

    /// <summary>The learning rate at <paramref name="step"/>: <paramref name="baseRate"/> times the factor, checked.</summary>
    internal static double Rate(LearningRateSchedule? schedule, double baseRate, int step)
    {
        if (schedule is null) return baseRate;
        var factor = schedule.Factor(step);
        if (!(factor >= 0) || double.IsPositiveInfinity(factor))
            throw new InvalidOperationException($"The learning-rate schedule {schedule.GetType().Name} gave the factor {factor} at step {step}; a factor must be finite and non-negative.");
        return baseRate * factor;
    }

    private static void CheckDecay(double factor, string name)
    {
        if (!(factor > 0 && factor <= 1)) throw new ArgumentOutOfRangeException(name, factor, "The decay factor must be in (0, 1].");
    }

    private sealed class ConstantSchedule : LearningRateSchedule
    {
        public override double Factor(int step) => 1;
    }

    private sealed class FunctionSchedule(Func<int, double> factor) : LearningRateSchedule
    {
        public override double Factor(int step) => factor(step);
    }
}
