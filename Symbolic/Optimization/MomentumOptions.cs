namespace Symbolic.Optimization;

/// <summary>Options of <see cref="Momentum"/>.</summary>
public sealed record MomentumOptions
{
    /// <summary>The learning rate η (step size). Default 0.01.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>The momentum μ in [0, 1): the fraction of the previous velocity kept. 0 gives plain gradient descent with a fixed step. Default 0.9.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Use Nesterov's look-ahead form of the update. Default false.</summary>
    public bool Nesterov { get; init; }

    /// <summary>
    /// How the learning rate changes over the run: at step t the rate is <see cref="LearningRate"/> × Schedule.Factor(t).
    /// Default null (the constant <see cref="LearningRate"/>).
    /// </summary>
    public LearningRateSchedule? Schedule { get; init; }

    internal void Validate()
    {
        if (!(LearningRate > 0) || double.IsPositiveInfinity(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be positive and finite.");
        if (!(Momentum >= 0 && Momentum < 1)) throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "The momentum must be in [0, 1).");
    }
}
