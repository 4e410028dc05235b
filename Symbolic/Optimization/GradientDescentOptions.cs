namespace Symbolic.Optimization;

/// <summary>Options of <see cref="GradientDescent"/> and its backtracking (Armijo) line search.</summary>
public sealed record GradientDescentOptions
{
    /// <summary>The first trial step length α of the first iteration. Default 1.</summary>
    public double InitialStep { get; init; } = 1;

    /// <summary>The factor in (0, 1) a rejected trial step is multiplied by. Default 0.5.</summary>
    public double Shrink { get; init; } = 0.5;

    /// <summary>
    /// The factor (≥ 1) the accepted step is multiplied by to give the next iteration's first trial, so
    /// the step can grow again after the search shrank it. Default 2.
    /// </summary>
    public double Growth { get; init; } = 2;

    /// <summary>The Armijo constant c₁ in (0, 1): a step α is accepted when f(x − α∇f) ≤ f(x) − c₁·α·|∇f|². Default 1e-4.</summary>
    public double SufficientDecrease { get; init; } = 1e-4;

    /// <summary>The most trial steps per iteration before the search gives up (<see cref="StopReason.LineSearchFailed"/>). Default 60.</summary>
    public int MaxTrials { get; init; } = 60;

    internal void Validate()
    {
        if (!(InitialStep > 0) || double.IsPositiveInfinity(InitialStep)) throw new ArgumentOutOfRangeException(nameof(InitialStep), InitialStep, "The initial step must be positive and finite.");
        if (!(Shrink > 0 && Shrink < 1)) throw new ArgumentOutOfRangeException(nameof(Shrink), Shrink, "The shrink factor must be in (0, 1).");
        if (!(Growth >= 1) || double.IsPositiveInfinity(Growth)) throw new ArgumentOutOfRangeException(nameof(Growth), Growth, "The growth factor must be at least 1 and finite.");
        if (!(SufficientDecrease > 0 && SufficientDecrease < 1)) throw new ArgumentOutOfRangeException(nameof(SufficientDecrease), SufficientDecrease, "c₁ must be in (0, 1).");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTrials, 1, nameof(MaxTrials));
    }
}
