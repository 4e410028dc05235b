namespace Symbolic.Verification;

/// <summary>How <see cref="GradCheck"/> compares a gradient with finite differences.</summary>
public sealed record GradCheckOptions
{
    /// <summary>Random unit directions tried at each point, besides every coordinate direction (default 8).</summary>
    public int RandomDirections { get; init; } = 8;

    /// <summary>Coordinate directions are tried for points of at most this many entries (default 256); beyond, random directions only.</summary>
    public int MaxCoordinateDirections { get; init; } = 256;

    /// <summary>Allowed relative disagreement of a directional derivative (default 1e-6).</summary>
    public double RelativeTolerance { get; init; } = 1e-6;

    /// <summary>Allowed absolute disagreement, for derivatives near zero (default 1e-8).</summary>
    public double AbsoluteTolerance { get; init; } = 1e-8;

    /// <summary>The finite-difference step along a unit direction, scaled by max(1, |x|∞) (default 1e-3).</summary>
    public double Step { get; init; } = 1e-3;

    /// <summary>Seed of the random directions (default 0: the same directions on every run).</summary>
    public int Seed { get; init; }

    internal void Validate()
    {
        if (RandomDirections < 0) throw new ArgumentOutOfRangeException(nameof(RandomDirections), RandomDirections, "Must be ≥ 0.");
        if (!(RelativeTolerance >= 0) || !(AbsoluteTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(RelativeTolerance), "Tolerances must be ≥ 0.");
        if (!(Step > 0) || double.IsInfinity(Step)) throw new ArgumentOutOfRangeException(nameof(Step), Step, "Must be positive and finite.");
    }
}
