namespace Symbolic.Optimization;

/// <summary>
/// Options of <see cref="Adam"/>; the defaults are those of Kingma and Ba (2015). A positive
/// <see cref="WeightDecay"/> makes it AdamW (Loshchilov and Hutter, 2019).
/// </summary>
public sealed record AdamOptions
{
    /// <summary>The learning rate α (the largest step per parameter, roughly). Default 0.001.</summary>
    public double LearningRate { get; init; } = 0.001;

    /// <summary>β₁ in [0, 1): the decay of the first-moment (mean gradient) estimate. Default 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>β₂ in [0, 1): the decay of the second-moment (squared gradient) estimate. Default 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>ε &gt; 0, added to the root of the second moment to avoid division by zero. Default 1e-8.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>
    /// How the learning rate changes over the run: at step t the rate is <see cref="LearningRate"/> × Schedule.Factor(t).
    /// Default null (the constant <see cref="LearningRate"/>).
    /// </summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>
    /// The decoupled weight decay λ ≥ 0 of AdamW: every step first shrinks the parameters, x ← x·(1 − η_t·λ)
    /// with η_t the step's learning rate, then takes the Adam step from the gradient (which does not include
    /// the decay). Default 0 (plain Adam).
    /// </summary>
    public double WeightDecay { get; init; }

    internal void Validate()
    {
        if (!(WeightDecay >= 0) || double.IsPositiveInfinity(WeightDecay)) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "The weight decay must be 0 (off) or positive and finite.");
        if (!(LearningRate > 0) || double.IsPositiveInfinity(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be positive and finite.");
        if (!(Beta1 >= 0 && Beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(Beta1), Beta1, "β₁ must be in [0, 1).");
        if (!(Beta2 >= 0 && Beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(Beta2), Beta2, "β₂ must be in [0, 1).");
        if (!(Epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "ε must be positive.");
    }
}
