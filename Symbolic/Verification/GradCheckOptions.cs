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

    /// <summary>(ε_float / ε_double)^⅓ = 2^(29/3).</summary>
    // Before Single: static fields are initialised in textual order.
    private static readonly double EpsilonRatioCubeRoot = Math.Cbrt(Math.ScaleB(1, 29));

    /// <summary>
    /// The defaults for single-precision gradients, scaled from the double ones by the cube root of the ratio of the
    /// two epsilons, (2⁻²³ / 2⁻⁵²)^⅓ ≈ 812 — how the error of a central difference at its best step grows with
    /// the rounding of f: relative tolerance ≈ 8·10⁻⁴, absolute ≈ 8·10⁻⁶, and a step of 10⁻², near the best one
    /// for a Richardson-extrapolated difference in float (ε^⅕).
    /// </summary>
    public static GradCheckOptions Single { get; } = new()
    {
        RelativeTolerance = 1e-6 * EpsilonRatioCubeRoot,
        AbsoluteTolerance = 1e-8 * EpsilonRatioCubeRoot,
        Step = 1e-2,
    };

    internal void Validate()
    {
        if (RandomDirections < 0) throw new ArgumentOutOfRangeException(nameof(RandomDirections), RandomDirections, "Must be ≥ 0.");
        if (!(RelativeTolerance >= 0) || !(AbsoluteTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(RelativeTolerance), "Tolerances must be ≥ 0.");
        if (!(Step > 0) || double.IsInfinity(Step)) throw new ArgumentOutOfRangeException(nameof(Step), Step, "Must be positive and finite.");
    }
}
