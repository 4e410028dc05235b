namespace Symbolic.Tests.Oracles;

/// <summary>
/// The oracle's result at one point, how far that point is from the nearest kink (relative to the
/// magnitude there), and the side of every kink met on the way, in order.
/// </summary>
public readonly record struct OracleEvaluation(TrackedDual Result, double NearestKink, IReadOnlyList<double> Sides)
{
    /// <summary>Whether both points took the same side of the same kinks: then no kink lies between them (unless crossed twice).</summary>
    public bool SameSidesAs(OracleEvaluation other) => Sides.SequenceEqual(other.Sides);

    public HyperDual Number => Result.Number;

    public HyperDual Scale => Result.Scale;
}
