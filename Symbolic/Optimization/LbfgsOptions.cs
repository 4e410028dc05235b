namespace Symbolic.Optimization;

/// <summary>Options of <see cref="Lbfgs"/> and its strong Wolfe line search.</summary>
public sealed record LbfgsOptions
{
    /// <summary>The number m of recent step and gradient-change pairs kept to model the curvature. Default 10.</summary>
    public int Memory { get; init; } = 10;

    /// <summary>The Wolfe constant c₁ in (0, 1) of sufficient decrease: f(x + αd) ≤ f(x) + c₁·α·∇f·d. Default 1e-4.</summary>
    public double SufficientDecrease { get; init; } = 1e-4;

    /// <summary>The Wolfe constant c₂ in (c₁, 1) of the curvature condition: |∇f(x + αd)·d| ≤ c₂·|∇f·d|. Default 0.9.</summary>
    public double Curvature { get; init; } = 0.9;

    /// <summary>The most evaluations of one line search. Default 25.</summary>
    public int MaxLineSearchEvaluations { get; init; } = 25;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Memory, 1, nameof(Memory));
        if (!(SufficientDecrease > 0 && SufficientDecrease < 1)) throw new ArgumentOutOfRangeException(nameof(SufficientDecrease), SufficientDecrease, "c₁ must be in (0, 1).");
        if (!(Curvature > SufficientDecrease && Curvature < 1)) throw new ArgumentOutOfRangeException(nameof(Curvature), Curvature, "c₂ must be in (c₁, 1).");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLineSearchEvaluations, 1, nameof(MaxLineSearchEvaluations));
    }
}
