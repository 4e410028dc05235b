namespace Symbolic.Tests.Oracles;

/// <summary>A numerical derivative and the extrapolation's own estimate of its error.</summary>
public readonly record struct FiniteDifferenceEstimate(double Derivative, double Error)
{
    /// <summary>True when the estimate is trustworthy to <paramref name="relativeError"/> of its size (at least 1).</summary>
    public bool IsReliable(double relativeError) => Error <= relativeError * Math.Max(1, Math.Abs(Derivative));
}

/// <summary>
/// Central differences refined by Richardson extrapolation (Ridders' method): a tableau of differences
/// with shrinking steps, extrapolated to step zero, keeping the entry whose neighbours agree best. The
/// independent second opinion: it knows nothing of rules or dual numbers, only function values. Near a
/// kink, or where rounding noise dominates, the neighbours disagree and the error estimate says so.
/// </summary>
public static class FiniteDifference
{
    /// <summary>The first and widest step: the estimate reads f within this distance of the point.</summary>
    public const double DefaultInitialStep = 0.05;

    private const int Rows = 10;
    private const double Shrink = 1.4;
    private const double ShrinkSquared = Shrink * Shrink;
    // Stop once a higher order is this much worse than the best so far: rounding has taken over.
    private const double GiveUp = 2;

    // The second tableau starts from a step this much smaller: its grid of steps interleaves the first's.
    private const double SecondOpinion = 0.37;

    /// <summary>
    /// f′(x), from two tableaus with interleaved steps; their disagreement is part of the error estimate.
    /// </summary>
    /// <remarks>
    /// One tableau's own estimate can be fooled where f oscillates (a tan of a sine of a fifth power):
    /// neighbouring entries agree by accident, to 1e-9, on a value 2e-5 off. Two independent step grids
    /// rarely share the accident.
    /// </remarks>
    public static FiniteDifferenceEstimate Derivative(Func<double, double> f, double x, double initialStep = DefaultInitialStep)
    {
        var (first, second) = (Extrapolated(f, x, initialStep), Extrapolated(f, x, initialStep * SecondOpinion));
        // Rounding of f's values over the smallest step: below it a difference is noise — or an exact 0
        // where f is 1e14 + y and y's steps vanish in f's last bit.
        var smallestStep = initialStep * SecondOpinion / Math.Pow(Shrink, Rows - 1);
        var noise = 4 * 2.3e-16 * Math.Abs(f(x)) / smallestStep;
        return first with { Error = Math.Max(Math.Max(first.Error, second.Error), Math.Abs(first.Derivative - second.Derivative)) + noise };
    }

    private static FiniteDifferenceEstimate Extrapolated(Func<double, double> f, double x, double initialStep)
    {
        var tableau = new double[Rows, Rows];
        var h = initialStep;
        tableau[0, 0] = Central(f, x, h);
        var (best, error) = (tableau[0, 0], double.PositiveInfinity);
        for (var i = 1; i < Rows; i++)
        {
            h /= Shrink;
            tableau[0, i] = Central(f, x, h);
            var factor = ShrinkSquared;
            for (var j = 1; j <= i; j++)
            {
                tableau[j, i] = (tableau[j - 1, i] * factor - tableau[j - 1, i - 1]) / (factor - 1);
                factor *= ShrinkSquared;
                var disagreement = Math.Max(Math.Abs(tableau[j, i] - tableau[j - 1, i]), Math.Abs(tableau[j, i] - tableau[j - 1, i - 1]));
                if (disagreement <= error) (best, error) = (tableau[j, i], disagreement);
            }
            if (Math.Abs(tableau[i, i] - tableau[i - 1, i - 1]) >= GiveUp * error) break;
        }
        return new(best, double.IsNaN(best) ? double.PositiveInfinity : error);
    }

    /// <summary>∂f/∂xᵢ at <paramref name="point"/>.</summary>
    public static FiniteDifferenceEstimate Partial(Func<double[], double> f, IReadOnlyList<double> point, int index, double initialStep = DefaultInitialStep)
    {
        var moved = point.ToArray();
        return Derivative(t => { moved[index] = t; return f(moved); }, point[index], initialStep);
    }

    private static double Central(Func<double, double> f, double x, double h) => (f(x + h) - f(x - h)) / (2 * h);
}
