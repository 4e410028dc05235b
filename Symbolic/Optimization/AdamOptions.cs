namespace Symbolic.Optimization;

/// <summary>Options of <see cref="Adam"/>; the defaults are those of Kingma and Ba (2015).</summary>
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

    internal void Validate()
    {
        if (!(LearningRate > 0) || double.IsPositiveInfinity(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be positive and finite.");
        if (!(Beta1 >= 0 && Beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(Beta1), Beta1, "β₁ must be in [0, 1).");
        if (!(Beta2 >= 0 && Beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(Beta2), Beta2, "β₂ must be in [0, 1).");
        if (!(Epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "ε must be positive.");
    }
}
