using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;

namespace Symbolic.Verification;

/// <summary>
/// Gradient checking for users, like PyTorch's <c>gradcheck</c> or JAX's <c>check_grads</c>: compares
/// directional derivatives ∇f·v with central finite differences (one Richardson step), along every
/// coordinate and along random unit directions, and reports the worst disagreement.
/// </summary>
/// <remarks>
/// Use it on models with your own derivative rules (<see cref="DerivativeRegistry"/>,
/// <see cref="DerivativeAttribute"/>) or on gradients you wrote yourself. In a property test:
/// <c>Prop.ForAll(points, x =&gt; GradCheck.Agrees(model, x))</c>, or <see cref="Assert(Expression{Func{double[], double}}, double[], GradCheckOptions?)"/>
/// for a readable failure. Near a kink (abs, max, a branch) finite differences straddle it and
/// disagree legitimately: check at points away from kinks.
/// </remarks>
public static partial class GradCheck
{
    /// <summary>Checks Symbolic's gradient of <paramref name="f"/> (with the default rules) at a point.</summary>
    /// <param name="f">The model.</param>
    /// <param name="point">Where to check.</param>
    /// <param name="options">Tolerances, directions, step.</param>
    [RequiresDynamicCode(DynamicCode.CompilesDelegate)]
    public static GradCheckReport Check(Expression<Func<double[], double>> f, double[] point, GradCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Check(f.Compile(), f.CompileGradient(), [point], options);
    }

    /// <summary>Checks Symbolic's gradient of <paramref name="f"/> with the rules of <paramref name="registry"/>.</summary>
    /// <param name="f">The model.</param>
    /// <param name="registry">The derivative rules under test.</param>
    /// <param name="points">Where to check.</param>
    /// <param name="options">Tolerances, directions, step.</param>
    [RequiresDynamicCode(DynamicCode.CompilesDelegate)]
    public static GradCheckReport Check(Expression<Func<double[], double>> f, DerivativeRegistry registry, IEnumerable<double[]> points, GradCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Check(f.Compile(), f.CompileGradient(registry), points, options);
    }

    /// <summary>Checks Symbolic's gradient of <paramref name="f"/> at <paramref name="count"/> random points drawn by <paramref name="pointGenerator"/>.</summary>
    /// <param name="f">The model.</param>
    /// <param name="pointGenerator">Draws a point from the random source (seeded with <see cref="GradCheckOptions.Seed"/>).</param>
    /// <param name="count">How many points.</param>
    /// <param name="options">Tolerances, directions, step, seed.</param>
    [RequiresDynamicCode(DynamicCode.CompilesDelegate)]
    public static GradCheckReport Check(Expression<Func<double[], double>> f, Func<Random, double[]> pointGenerator, int count, GradCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(pointGenerator);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var random = new Random((options ?? new GradCheckOptions()).Seed);
        return Check(f.Compile(), f.CompileGradient(), [.. Enumerable.Range(0, count).Select(_ => pointGenerator(random))], options);
    }

    /// <summary>Checks any gradient — yours, or a compiled one — against finite differences of the function.</summary>
    /// <param name="f">The function.</param>
    /// <param name="gradient">Its value and gradient (the <see cref="Calculus.CompileGradient(Expression{Func{double[], double}})"/> shape).</param>
    /// <param name="points">Where to check.</param>
    /// <param name="options">Tolerances, directions, step.</param>
    public static GradCheckReport Check(Func<double[], double> f, GradientFunc gradient, IEnumerable<double[]> points, GradCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(points);
        return Check(f, gradient, points, options ?? new GradCheckOptions(), DoubleRounding, roundsPoints: false);
    }

    /// <summary>The unit roundoff of double, with a little room: how much rounding each value of f may carry.</summary>
    private const double DoubleRounding = 2.3e-16;

    /// <summary>
    /// The check for either precision: <paramref name="rounding"/> is the unit roundoff of f's arithmetic, and
    /// <paramref name="roundsPoints"/> says whether the points f is evaluated at are rounded to it (float points).
    /// </summary>
    private static GradCheckReport Check(Func<double[], double> f, GradientFunc gradient, IEnumerable<double[]> points, GradCheckOptions options, double rounding, bool roundsPoints)
    {
        options.Validate();
        var random = new Random(options.Seed);
        // The report names a coordinate when one fails (the readable case); a random direction otherwise.
        GradCheckReport? worstCoordinate = null, worstRandom = null;
        var comparisons = 0;
        foreach (var point in points)
        {
            if (point is null || point.Length == 0) throw new ArgumentException("Every point needs at least one entry.", nameof(points));
            var g = new double[point.Length];
            gradient(point, g);
            foreach (var (direction, component) in Directions(point.Length, options, random))
            {
                var comparison = Compare(f, point, g, direction, component, options, rounding, roundsPoints);
                comparisons++;
                if (component >= 0 && (worstCoordinate is null || !(comparison.Error <= worstCoordinate.Error))) worstCoordinate = comparison;
                if (component < 0 && (worstRandom is null || !(comparison.Error <= worstRandom.Error))) worstRandom = comparison;
            }
        }
        var worst = worstCoordinate is { Error: > 1 } || worstRandom is null ? worstCoordinate : worstRandom;
        if (worst is null) throw new ArgumentException("No point to check.", nameof(points));
        var passed = !(worstCoordinate?.Error > 1) && !(worstRandom?.Error > 1);
        return worst with { Comparisons = comparisons, Passed = passed };
    }

    /// <summary>True when Symbolic's gradient of <paramref name="f"/> agrees at the point: a one-line property for FsCheck.</summary>
    /// <param name="f">The model.</param>
    /// <param name="point">Where to check.</param>
    /// <param name="options">Tolerances, directions, step.</param>
    public static bool Agrees(Expression<Func<double[], double>> f, double[] point, GradCheckOptions? options = null) => Check(f, point, options).Passed;

    /// <summary>Throws <see cref="GradCheckException"/> with the report when the gradient disagrees (a readable test failure).</summary>
    /// <param name="f">The model.</param>
    /// <param name="point">Where to check.</param>
    /// <param name="options">Tolerances, directions, step.</param>
    public static void Assert(Expression<Func<double[], double>> f, double[] point, GradCheckOptions? options = null)
    {
        var report = Check(f, point, options);
        if (!report.Passed) throw new GradCheckException(report);
    }

    /// <summary>Throws <see cref="GradCheckException"/> with the report when a gradient — yours or a compiled one — disagrees.</summary>
    /// <param name="f">The function.</param>
    /// <param name="gradient">Its value and gradient.</param>
    /// <param name="points">Where to check.</param>
    /// <param name="options">Tolerances, directions, step.</param>
    public static void Assert(Func<double[], double> f, GradientFunc gradient, IEnumerable<double[]> points, GradCheckOptions? options = null)
    {
        var report = Check(f, gradient, points, options);
        if (!report.Passed) throw new GradCheckException(report);
    }

    private static IEnumerable<(double[] Direction, int Component)> Directions(int n, GradCheckOptions options, Random random)
    {
        if (n <= options.MaxCoordinateDirections)
            for (var i = 0; i < n; i++)
            {
                var unit = new double[n];
                unit[i] = 1;
                yield return (unit, i);
            }
        for (var k = 0; k < options.RandomDirections; k++)
        {
            var v = new double[n];
            for (var i = 0; i < n; i++) v[i] = Gaussian(random);
            var norm = Math.Sqrt(v.Sum(c => c * c));
            if (norm == 0) continue;
            for (var i = 0; i < n; i++) v[i] /= norm;
            yield return (v, -1);
        }
    }

    private static GradCheckReport Compare(Func<double[], double> f, double[] x, double[] g, double[] v, int component, GradCheckOptions options, double rounding, bool roundsPoints)
    {
        var analytic = 0.0;
        for (var i = 0; i < x.Length; i++) analytic += g[i] * v[i];
        var h = options.Step * Math.Max(1, x.Max(Math.Abs));
        var moved = new double[x.Length];
        double Along(double t)
        {
            for (var i = 0; i < x.Length; i++) moved[i] = x[i] + t * v[i];
            return f(moved);
        }
        double Central(double step) => (Along(step) - Along(-step)) / (2 * step);
        var numerical = (4 * Central(h / 2) - Central(h)) / 3;
        // Rounding in f's values, amplified by the division by the step, is not the gradient's fault; nor, in float,
        // the rounding of the moved points, which moves each coordinate by up to half an ulp of |x|∞.
        var pointRounding = roundsPoints ? x.Max(Math.Abs) * g.Sum(Math.Abs) : 0;
        var noise = 4 * rounding * (Math.Abs(f(x)) + pointRounding) / h;
        var allowed = options.RelativeTolerance * Math.Max(Math.Abs(analytic), Math.Abs(numerical)) + options.AbsoluteTolerance + noise;
        var error = Math.Abs(analytic - numerical) / allowed;
        if (double.IsNaN(error)) error = double.PositiveInfinity;
        return new GradCheckReport(false, 0, x.ToArray(), v, component, analytic, numerical, error);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
