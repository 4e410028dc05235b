namespace Symbolic.Tests.Backpropagation;

/// <summary>
/// Central differences with one Richardson step, (4·D(h/2) − D(h))/3, error O(h⁴); hⱼ = 10⁻³·max(1, |xⱼ|).
/// An oracle that knows nothing of Symbolic.
/// </summary>
internal static class FiniteDifferences
{
    /// <summary>∂gᵢ/∂xⱼ of a vector function (the Hessian when g is a gradient).</summary>
    public static double[,] Jacobian(Func<double[], double[]> g, double[] x)
    {
        var rows = g(x).Length;
        var jacobian = new double[rows, x.Length];
        for (var j = 0; j < x.Length; j++)
        {
            var h = 1e-3 * Math.Max(1, Math.Abs(x[j]));
            var wide = Central(g, x, j, h);
            var narrow = Central(g, x, j, h / 2);
            for (var i = 0; i < rows; i++) jacobian[i, j] = (4 * narrow[i] - wide[i]) / 3;
        }
        return jacobian;
    }

    /// <summary>
    /// <see cref="Jacobian"/> with an estimate of its own error: Richardson values from steps (h, h/2) and
    /// (h/2, h/4); their difference bounds the truncation error of the finer one when h is small enough,
    /// and is large when it is not (a high-frequency function), so a comparison can widen honestly.
    /// Each entry is estimated with hⱼ and with hⱼ/32, hⱼ/1024 and hⱼ/32768, and the one with the smallest error kept:
    /// sin((5 + x³)⁶) oscillates with a period of 3·10⁻⁴, which the widest steps alias; cos(√(1 + x⁷²)³) at x = 1.1 with a
    /// period of 2·10⁻⁶, which aliased all three wider ones into a consistent −20,950 ± 8 (the derivative is 2,674,159.69).
    /// </summary>
    public static (double[,] Estimate, double[,] Error) JacobianWithError(Func<double[], double[]> g, double[] x)
    {
        var rows = g(x).Length;
        var (estimate, error) = (new double[rows, x.Length], new double[rows, x.Length]);
        var atX = g(x);
        for (var j = 0; j < x.Length; j++)
        {
            for (var i = 0; i < rows; i++) error[i, j] = double.PositiveInfinity;
            var (fines, totals) = (new double[StepScales.Length, rows], new double[StepScales.Length, rows]);
            for (var s = 0; s < StepScales.Length; s++)
            {
                var h = StepScales[s] * 1e-3 * Math.Max(1, Math.Abs(x[j]));
                var (d1, d2, d4) = (Central(g, x, j, h), Central(g, x, j, h / 2), Central(g, x, j, h / 4));
                for (var i = 0; i < rows; i++)
                {
                    var (coarse, fine) = ((4 * d2[i] - d1[i]) / 3, (4 * d4[i] - d2[i]) / 3);
                    // Rounding of g (relative to 1 at least: g may be a small difference of large terms), over the smallest step.
                    var noise = 8 * 2.3e-16 * Math.Max(1, Math.Abs(atX[i])) / (h / 4);
                    (fines[s, i], totals[s, i]) = (fine, Math.Abs(fine - coarse) + noise);
                }
            }
            for (var s = StepScales.Length - 1; s >= 0; s--)
                for (var i = 0; i < rows; i++)
                {
                    // A wider step's value that the next finer one contradicts (beyond that one's own error) is aliased,
                    // however well its two Richardson values agree: cos((x + 4.75)⁹) gave −3,509.7 ± 0.02 for −1.04·10⁷.
                    var total = s + 1 < StepScales.Length ? Math.Max(totals[s, i], Math.Abs(fines[s, i] - fines[s + 1, i]) - totals[s + 1, i]) : totals[s, i];
                    totals[s, i] = total;
                    if (total < error[i, j]) (estimate[i, j], error[i, j]) = (fines[s, i], total);
                }
        }
        return (estimate, error);
    }

    private static readonly double[] StepScales = [1, 1.0 / 32, 1.0 / 1024, 1.0 / 32768];

    /// <summary>∇f of a scalar function.</summary>
    public static double[] Gradient(Func<double[], double> f, double[] x)
    {
        var jacobian = Jacobian(p => [f(p)], x);
        return [.. Enumerable.Range(0, x.Length).Select(j => jacobian[0, j])];
    }

    /// <summary>
    /// The size of the rounding noise in <see cref="Gradient"/>, entry j: about ε·|f(x)|/hⱼ, times 10⁶ so that it
    /// can be passed as the scale of a comparison made with relative tolerance 10⁻⁶.
    /// </summary>
    public static double[] GradientNoiseScale(double fx, double[] x) =>
        [.. x.Select(xj => 1e-9 * Math.Abs(fx) / (1e-3 * Math.Max(1, Math.Abs(xj))))];

    /// <summary>The directional derivative of g along v: (J·v).</summary>
    public static double[] Directional(Func<double[], double[]> g, double[] x, double[] v)
    {
        const double h = 1e-3;
        double[] At(double t) => g([.. x.Select((xi, i) => xi + t * v[i])]);
        double[] Central(double step) => [.. At(step).Zip(At(-step), (p, m) => (p - m) / (2 * step))];
        return [.. Central(h / 2).Zip(Central(h), (narrow, wide) => (4 * narrow - wide) / 3)];
    }

    private static double[] Central(Func<double[], double[]> g, double[] x, int j, double h)
    {
        var plus = (double[])x.Clone();
        var minus = (double[])x.Clone();
        plus[j] += h;
        minus[j] -= h;
        return [.. g(plus).Zip(g(minus), (p, m) => (p - m) / (2 * h))];
    }
}
