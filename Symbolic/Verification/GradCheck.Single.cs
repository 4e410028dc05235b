namespace Symbolic.Verification;

// RS0026 guards against overloads a call could confuse once optional arguments are left out; these differ from
// the double ones in the type of every required argument (float functions, float points).
#pragma warning disable RS0026
public static partial class GradCheck
{
    /// <summary>The unit roundoff of float (2⁻²⁴), with a little room: how much rounding each float value of f may carry.</summary>
    private const double SingleRounding = 6.0e-8;

    /// <summary>
    /// Checks a single-precision gradient — yours, or a compiled <see cref="SingleGradientFunc"/> — against finite
    /// differences of the float function, with tolerances for float (<see cref="GradCheckOptions.Single"/> unless
    /// <paramref name="options"/> are given): f is evaluated in float at float points, so the noise allowed for
    /// rounding is float's, and the moved points' own rounding is allowed for.
    /// </summary>
    /// <param name="f">The function, in float.</param>
    /// <param name="gradient">Its value and gradient in float.</param>
    /// <param name="points">Where to check.</param>
    /// <param name="options">Tolerances, directions, step; <see cref="GradCheckOptions.Single"/> if null.</param>
    /// <returns>The report; its point and direction are the float ones, widened.</returns>
    public static GradCheckReport Check(Func<float[], float> f, SingleGradientFunc gradient, IEnumerable<float[]> points, GradCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(points);
        // The float function seen in double: points are rounded to float (where f is evaluated), values widened (exactly).
        double Widened(double[] x) => f(Narrow(x));
        double WidenedGradient(double[] x, double[] g)
        {
            var narrow = new float[x.Length];
            var value = gradient(Narrow(x), narrow);
            for (var i = 0; i < g.Length; i++) g[i] = narrow[i];
            return value;
        }
        var widenedPoints = points.Select(point => point is null ? null! : Array.ConvertAll(point, value => (double)value));
        return Check(Widened, WidenedGradient, widenedPoints, options ?? GradCheckOptions.Single, SingleRounding, roundsPoints: true);
    }

    /// <summary>Throws <see cref="GradCheckException"/> with the report when a single-precision gradient disagrees.</summary>
    /// <param name="f">The function, in float.</param>
    /// <param name="gradient">Its value and gradient in float.</param>
    /// <param name="points">Where to check.</param>
    /// <param name="options">Tolerances, directions, step; <see cref="GradCheckOptions.Single"/> if null.</param>
    public static void Assert(Func<float[], float> f, SingleGradientFunc gradient, IEnumerable<float[]> points, GradCheckOptions? options = null)
    {
        var report = Check(f, gradient, points, options);
        if (!report.Passed) throw new GradCheckException(report);
    }

    private static float[] Narrow(double[] x) => Array.ConvertAll(x, value => (float)value);
}
#pragma warning restore RS0026
