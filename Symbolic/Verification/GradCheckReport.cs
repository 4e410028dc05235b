using System.Globalization;

namespace Symbolic.Verification;

/// <summary>The outcome of a <see cref="GradCheck"/>: whether every directional derivative agreed, and the worst one.</summary>
/// <param name="Passed">Every comparison was within tolerance.</param>
/// <param name="Comparisons">How many directional derivatives were compared.</param>
/// <param name="Point">Where the worst disagreement was found.</param>
/// <param name="Direction">The worst direction (a unit vector).</param>
/// <param name="Component">The coordinate of the worst direction, when it was a coordinate direction (−1 otherwise).</param>
/// <param name="Analytic">The gradient's directional derivative there, ∇f·v.</param>
/// <param name="Numerical">The finite-difference estimate there.</param>
/// <param name="Error">|Analytic − Numerical| in units of the allowed disagreement (≤ 1 passes).</param>
public sealed record GradCheckReport(bool Passed, int Comparisons, IReadOnlyList<double> Point, IReadOnlyList<double> Direction, int Component, double Analytic, double Numerical, double Error)
{
    /// <summary>One readable paragraph: verdict, worst component or direction, both values, the point.</summary>
    public override string ToString()
    {
        var where = Component >= 0 ? $"∂f/∂x[{Component}]" : "a random direction";
        var verdict = Passed ? "passed" : "FAILED";
        return string.Create(CultureInfo.InvariantCulture,
            $"GradCheck {verdict} ({Comparisons} comparisons). Worst: {where}: gradient {Analytic:R}, finite differences {Numerical:R} ({Error:G3}x the tolerance) at x = [{string.Join(", ", Point.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}].");
    }
}

/// <summary>Thrown by <see cref="GradCheck.Assert(System.Linq.Expressions.Expression{Func{double[], double}}, double[], GradCheckOptions?)"/> when a gradient disagrees with finite differences.</summary>
public sealed class GradCheckException : Exception
{
    /// <summary>An exception carrying the report.</summary>
    /// <param name="report">The failed check.</param>
    public GradCheckException(GradCheckReport report) : base(report?.ToString()) => Report = report!;

    /// <summary>The failed check.</summary>
    public GradCheckReport Report { get; }
}
