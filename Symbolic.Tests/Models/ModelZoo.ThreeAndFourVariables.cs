using System.Linq.Expressions;

namespace Symbolic.Tests.Models;

// Functions of three and four variables (Moré, Garbow and Hillstrom 1981, problem numbers in brackets).
public static partial class ModelZoo
{
    private static readonly double[] BardY = [0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58, 0.73, 0.96, 1.34, 2.10, 4.39];
    private static readonly double[] GaussianY = [0.0009, 0.0044, 0.0175, 0.0540, 0.1295, 0.2420, 0.3521, 0.3989, 0.3521, 0.2420, 0.1295, 0.0540, 0.0175, 0.0044, 0.0009];
    private static readonly double[] MeyerY = [34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427, 3820, 3307, 2872];
    private static readonly double[] KowalikOsborneY = [0.1957, 0.1947, 0.1735, 0.1600, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246];
    private static readonly double[] KowalikOsborneU = [4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625];

    private const double TwoPi = 2 * Math.PI;

    /// <summary>(7) Helical valley: θ is atan(x₂/x₁)/2π, plus ½ when x₁ &lt; 0 (a conditional).</summary>
    public static TestFunction HelicalValley { get; } = TestFunction.LeastSquares(
        "Helical valley",
        x => new[]
        {
            10 * (x[2] - 10 * (x[0] > 0 ? Math.Atan(x[1] / x[0]) / TwoPi : Math.Atan(x[1] / x[0]) / TwoPi + 0.5)),
            10 * (Math.Sqrt(x[0] * x[0] + x[1] * x[1]) - 1),
            x[2],
        },
        x =>
        {
            var theta = Math.Atan(x[1] / x[0]) / TwoPi + (x[0] > 0 ? 0 : 0.5);
            return [10 * (x[2] - 10 * theta), 10 * (Math.Sqrt(x[0] * x[0] + x[1] * x[1]) - 1), x[2]];
        },
        x =>
        {
            var squared = x[0] * x[0] + x[1] * x[1];
            var (dThetaDx1, dThetaDx2) = (-x[1] / (TwoPi * squared), x[0] / (TwoPi * squared));
            var rho = Math.Sqrt(squared);
            return new double[,]
            {
                { -100 * dThetaDx1, -100 * dThetaDx2, 10 },
                { 10 * x[0] / rho, 10 * x[1] / rho, 0 },
                { 0, 0, 1 },
            };
        },
        [[-1, 0, 0], [1, 0.5, 0.3], [-0.7, -0.4, 1.2]]);

    private static readonly Expression<Func<double[], double, double, double, double, double>> BardResidual =
        (x, u, v, w, y) => y - (x[0] + u / (v * x[1] + w * x[2]));

    /// <summary>(8) Bard: uᵢ = i, vᵢ = 16 − i, wᵢ = min(uᵢ, vᵢ).</summary>
    public static TestFunction Bard { get; } = TestFunction.LeastSquares(
        "Bard",
        ModelBuilder.Vector(15, (x, k) => ModelBuilder.Apply(BardResidual, x, k + 1, 15 - k, Math.Min(k + 1, 15 - k), BardY[k])),
        x => [.. Enumerable.Range(1, 15).Select(i => BardY[i - 1] - (x[0] + i / ((16.0 - i) * x[1] + Math.Min(i, 16 - i) * x[2])))],
        x =>
        {
            var j = new double[15, 3];
            for (var i = 1; i <= 15; i++)
            {
                double u = i, v = 16 - i, w = Math.Min(u, v), d = v * x[1] + w * x[2];
                (j[i - 1, 0], j[i - 1, 1], j[i - 1, 2]) = (-1, u * v / (d * d), u * w / (d * d));
            }
            return j;
        },
        [[1, 1, 1], [0.1, 1.5, 2.5], [0.5, 0.8, 1.3]]);

    private static readonly Expression<Func<double[], double, double, double>> GaussianResidual =
        (x, t, y) => x[0] * Math.Exp(-x[1] * (t - x[2]) * (t - x[2]) / 2) - y;

    /// <summary>(9) Gaussian: tᵢ = (8 − i)/2.</summary>
    public static TestFunction Gaussian { get; } = TestFunction.LeastSquares(
        "Gaussian",
        ModelBuilder.Vector(15, (x, k) => ModelBuilder.Apply(GaussianResidual, x, (7 - k) / 2.0, GaussianY[k])),
        x => [.. Enumerable.Range(0, 15).Select(k => x[0] * Math.Exp(-x[1] * Math.Pow((7 - k) / 2.0 - x[2], 2) / 2) - GaussianY[k])],
        x =>
        {
            var j = new double[15, 3];
            for (var k = 0; k < 15; k++)
            {
                var d = (7 - k) / 2.0 - x[2];
                var e = Math.Exp(-x[1] * d * d / 2);
                (j[k, 0], j[k, 1], j[k, 2]) = (e, -x[0] * e * d * d / 2, x[0] * e * x[1] * d);
            }
            return j;
        },
        [[0.4, 1, 0], [0.5, 0.8, 0.3], [0.3, 1.5, -0.4]]);

    private static readonly Expression<Func<double[], double, double, double>> MeyerResidual =
        (x, t, y) => x[0] * Math.Exp(x[1] / (t + x[2])) - y;

    /// <summary>(10) Meyer: tᵢ = 45 + 5i; badly scaled (values near 10⁴, x₂ near 10³).</summary>
    public static TestFunction Meyer { get; } = TestFunction.LeastSquares(
        "Meyer",
        ModelBuilder.Vector(16, (x, k) => ModelBuilder.Apply(MeyerResidual, x, 50.0 + 5 * k, MeyerY[k])),
        x => [.. Enumerable.Range(0, 16).Select(k => x[0] * Math.Exp(x[1] / (50.0 + 5 * k + x[2])) - MeyerY[k])],
        x =>
        {
            var j = new double[16, 3];
            for (var k = 0; k < 16; k++)
            {
                var s = 50.0 + 5 * k + x[2];
                var e = Math.Exp(x[1] / s);
                (j[k, 0], j[k, 1], j[k, 2]) = (e, x[0] * e / s, -x[0] * e * x[1] / (s * s));
            }
            return j;
        },
        [[0.02, 4000, 250], [0.01, 6000, 345], [0.03, 3000, 200]]);

    private static readonly Expression<Func<double[], double, double, double>> GulfResidual =
        (x, t, y) => Math.Exp(-Math.Pow(Math.Abs(y - x[1]), x[2]) / x[0]) - t;

    private static double GulfT(int k) => (k + 1) / 100.0;
    private static double GulfY(int k) => 25 + Math.Pow(-50 * Math.Log(GulfT(k)), 2.0 / 3.0);

    /// <summary>(11) Gulf research and development, m = 99: a power with a variable exponent and an absolute value.</summary>
    public static TestFunction Gulf { get; } = TestFunction.LeastSquares(
        "Gulf research and development",
        ModelBuilder.Vector(99, (x, k) => ModelBuilder.Apply(GulfResidual, x, GulfT(k), GulfY(k))),
        x => [.. Enumerable.Range(0, 99).Select(k => Math.Exp(-Math.Pow(Math.Abs(GulfY(k) - x[1]), x[2]) / x[0]) - GulfT(k))],
        x =>
        {
            var j = new double[99, 3];
            for (var k = 0; k < 99; k++)
            {
                var a = Math.Abs(GulfY(k) - x[1]);
                var p = Math.Pow(a, x[2]);
                var e = Math.Exp(-p / x[0]);
                j[k, 0] = e * p / (x[0] * x[0]);
                j[k, 1] = e * x[2] * Math.Pow(a, x[2] - 1) * Math.Sign(GulfY(k) - x[1]) / x[0];
                j[k, 2] = -e * p * Math.Log(a) / x[0];
            }
            return j;
        },
        [[5, 2.5, 0.15], [10, 20, 1.5], [3, 10, 0.8]]);

    private static readonly Expression<Func<double[], double, double>> Box3DResidual =
        (x, t) => Math.Exp(-t * x[0]) - Math.Exp(-t * x[1]) - x[2] * (Math.Exp(-t) - Math.Exp(-10 * t));

    /// <summary>(12) Box three-dimensional, m = 10, tᵢ = 0.1i.</summary>
    public static TestFunction Box3D { get; } = TestFunction.LeastSquares(
        "Box 3-D",
        ModelBuilder.Vector(10, (x, k) => ModelBuilder.Apply(Box3DResidual, x, 0.1 * (k + 1))),
        x => [.. Enumerable.Range(1, 10).Select(i => 0.1 * i).Select(t => Math.Exp(-t * x[0]) - Math.Exp(-t * x[1]) - x[2] * (Math.Exp(-t) - Math.Exp(-10 * t)))],
        x =>
        {
            var j = new double[10, 3];
            for (var k = 0; k < 10; k++)
            {
                var t = 0.1 * (k + 1);
                (j[k, 0], j[k, 1], j[k, 2]) = (-t * Math.Exp(-t * x[0]), t * Math.Exp(-t * x[1]), -(Math.Exp(-t) - Math.Exp(-10 * t)));
            }
            return j;
        },
        [[0, 10, 20], [2, 8, 0.5], [0.5, 2, 3]]);

    /// <summary>(13) Powell singular: the Hessian is singular at the minimum, and (1,3), (2,4) are structurally zero.</summary>
    public static TestFunction PowellSingular { get; } = TestFunction.LeastSquares(
        "Powell singular",
        x => new[] { x[0] + 10 * x[1], Math.Sqrt(5) * (x[2] - x[3]), Math.Pow(x[1] - 2 * x[2], 2), Math.Sqrt(10) * Math.Pow(x[0] - x[3], 2) },
        x => [x[0] + 10 * x[1], Math.Sqrt(5) * (x[2] - x[3]), Math.Pow(x[1] - 2 * x[2], 2), Math.Sqrt(10) * Math.Pow(x[0] - x[3], 2)],
        x =>
        {
            double d = x[1] - 2 * x[2], e = x[0] - x[3], s5 = Math.Sqrt(5), s10 = Math.Sqrt(10);
            return new double[,]
            {
                { 1, 10, 0, 0 },
                { 0, 0, s5, -s5 },
                { 0, 2 * d, -4 * d, 0 },
                { 2 * s10 * e, 0, 0, -2 * s10 * e },
            };
        },
        [[3, -1, 0, 1], [1, 2, 3, 4], [-0.5, 0.3, -1.2, 0.7]],
        function: x => Math.Pow(x[0] + 10 * x[1], 2) + 5 * Math.Pow(x[2] - x[3], 2) + Math.Pow(x[1] - 2 * x[2], 4) + 10 * Math.Pow(x[0] - x[3], 4));

    /// <summary>(14) Wood.</summary>
    public static TestFunction Wood { get; } = TestFunction.LeastSquares(
        "Wood",
        x => new[]
        {
            10 * (x[1] - x[0] * x[0]), 1 - x[0], Math.Sqrt(90) * (x[3] - x[2] * x[2]), 1 - x[2],
            Math.Sqrt(10) * (x[1] + x[3] - 2), (x[1] - x[3]) / Math.Sqrt(10),
        },
        x => [10 * (x[1] - x[0] * x[0]), 1 - x[0], Math.Sqrt(90) * (x[3] - x[2] * x[2]), 1 - x[2], Math.Sqrt(10) * (x[1] + x[3] - 2), (x[1] - x[3]) / Math.Sqrt(10)],
        x =>
        {
            double s90 = Math.Sqrt(90), s10 = Math.Sqrt(10);
            return new double[,]
            {
                { -20 * x[0], 10, 0, 0 },
                { -1, 0, 0, 0 },
                { 0, 0, -2 * s90 * x[2], s90 },
                { 0, 0, -1, 0 },
                { 0, s10, 0, s10 },
                { 0, 1 / s10, 0, -1 / s10 },
            };
        },
        [[-3, -1, -3, -1], [1.2, 0.8, -0.5, 1.5], [0.3, -0.4, 0.9, 1.1]],
        function: x => 100 * Math.Pow(x[1] - x[0] * x[0], 2) + Math.Pow(1 - x[0], 2) + 90 * Math.Pow(x[3] - x[2] * x[2], 2) + Math.Pow(1 - x[2], 2)
                     + 10 * Math.Pow(x[1] + x[3] - 2, 2) + 0.1 * Math.Pow(x[1] - x[3], 2));

    private static readonly Expression<Func<double[], double, double, double>> KowalikOsborneResidual =
        (x, u, y) => y - x[0] * (u * u + u * x[1]) / (u * u + u * x[2] + x[3]);

    /// <summary>(15) Kowalik and Osborne, m = 11.</summary>
    public static TestFunction KowalikOsborne { get; } = TestFunction.LeastSquares(
        "Kowalik-Osborne",
        ModelBuilder.Vector(11, (x, k) => ModelBuilder.Apply(KowalikOsborneResidual, x, KowalikOsborneU[k], KowalikOsborneY[k])),
        x => [.. Enumerable.Range(0, 11).Select(k => (u: KowalikOsborneU[k], y: KowalikOsborneY[k])).Select(d => d.y - x[0] * (d.u * d.u + d.u * x[1]) / (d.u * d.u + d.u * x[2] + x[3]))],
        x =>
        {
            var j = new double[11, 4];
            for (var k = 0; k < 11; k++)
            {
                var u = KowalikOsborneU[k];
                double n = u * u + u * x[1], d = u * u + u * x[2] + x[3];
                (j[k, 0], j[k, 1], j[k, 2], j[k, 3]) = (-n / d, -x[0] * u / d, x[0] * n * u / (d * d), x[0] * n / (d * d));
            }
            return j;
        },
        [[0.25, 0.39, 0.415, 0.39], [0.19, 0.19, 0.12, 0.14], [0.5, 0.2, 0.3, 0.6]]);
}
