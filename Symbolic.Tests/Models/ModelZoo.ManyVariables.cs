using System.Linq.Expressions;

namespace Symbolic.Tests.Models;

// Functions of six or more variables (Moré, Garbow and Hillstrom 1981, problem numbers in brackets),
// including the scalable ones whose Hessians are banded.
public static partial class ModelZoo
{
    /// <summary>The dimension of the scalable problems (extended Rosenbrock, Broyden tridiagonal, trigonometric).</summary>
    public const int ScalableDimension = 10;

    /// <summary>The dimension of the Watson problem (MGH allow 2 ≤ n ≤ 31).</summary>
    public const int WatsonDimension = 6;

    private static readonly Expression<Func<double[], double, double, double>> BiggsResidual =
        (x, t, y) => x[2] * Math.Exp(-t * x[0]) - x[3] * Math.Exp(-t * x[1]) + x[5] * Math.Exp(-t * x[4]) - y;

    private static double BiggsT(int k) => 0.1 * (k + 1);
    private static double BiggsY(int k) => Math.Exp(-BiggsT(k)) - 5 * Math.Exp(-10 * BiggsT(k)) + 3 * Math.Exp(-4 * BiggsT(k));

    /// <summary>(18) Biggs EXP6, m = 13.</summary>
    public static TestFunction BiggsExp6 { get; } = TestFunction.LeastSquares(
        "Biggs EXP6",
        ModelBuilder.Vector(13, (x, k) => ModelBuilder.Apply(BiggsResidual, x, BiggsT(k), BiggsY(k))),
        x => [.. Enumerable.Range(0, 13).Select(k => x[2] * Math.Exp(-BiggsT(k) * x[0]) - x[3] * Math.Exp(-BiggsT(k) * x[1]) + x[5] * Math.Exp(-BiggsT(k) * x[4]) - BiggsY(k))],
        x =>
        {
            var j = new double[13, 6];
            for (var k = 0; k < 13; k++)
            {
                var t = BiggsT(k);
                double e0 = Math.Exp(-t * x[0]), e1 = Math.Exp(-t * x[1]), e4 = Math.Exp(-t * x[4]);
                (j[k, 0], j[k, 1], j[k, 2], j[k, 3], j[k, 4], j[k, 5]) = (-t * x[2] * e0, t * x[3] * e1, e0, -e1, -t * x[5] * e4, e4);
            }
            return j;
        },
        [[1, 2, 1, 1, 1, 1], [1.5, 3, 2, 0.5, 4, 1.2], [0.7, 1.1, -0.5, 2, 0.3, -1]]);

    private static readonly Expression<Func<double[], double, double, double>> WatsonResidual =
        (x, derivativeSum, valueSum) => derivativeSum - valueSum * valueSum - 1;
    private static readonly Expression<Func<double[], double>> WatsonFirst = x => x[0];
    private static readonly Expression<Func<double[], double>> WatsonLast = x => x[1] - x[0] * x[0] - 1;

    /// <summary>
    /// (20) Watson, n = 6, m = 31: for tᵢ = i/29, rᵢ = Σⱼ (j−1)xⱼtᵢʲ⁻² − (Σⱼ xⱼtᵢʲ⁻¹)² − 1, and r₃₀ = x₁, r₃₁ = x₂ − x₁² − 1.
    /// </summary>
    public static TestFunction Watson { get; } = TestFunction.LeastSquares(
        "Watson",
        ModelBuilder.Vector(31, (x, k) => k switch
        {
            < 29 => ModelBuilder.Apply(WatsonResidual, x,
                ModelBuilder.Dot(x, [.. Enumerable.Range(0, WatsonDimension).Select(j => j == 0 ? 0 : j * Math.Pow((k + 1) / 29.0, j - 1))]),
                ModelBuilder.Dot(x, [.. Enumerable.Range(0, WatsonDimension).Select(j => Math.Pow((k + 1) / 29.0, j))])),
            29 => ModelBuilder.Apply(WatsonFirst, x, Array.Empty<Expression>()),
            _ => ModelBuilder.Apply(WatsonLast, x, Array.Empty<Expression>()),
        }),
        WatsonValues,
        WatsonJacobian,
        [new double[WatsonDimension], [0.1, 0.2, -0.3, 0.4, 0.5, -0.6], [-0.5, 1, 0.3, -1.2, 0.8, 0.05]]);

    private static double[] WatsonValues(double[] x)
    {
        var r = new double[31];
        for (var k = 0; k < 29; k++)
        {
            var t = (k + 1) / 29.0;
            double derivativeSum = 0, valueSum = 0;
            for (var j = 0; j < x.Length; j++)
            {
                if (j > 0) derivativeSum += j * x[j] * Math.Pow(t, j - 1);
                valueSum += x[j] * Math.Pow(t, j);
            }
            r[k] = derivativeSum - valueSum * valueSum - 1;
        }
        r[29] = x[0];
        r[30] = x[1] - x[0] * x[0] - 1;
        return r;
    }

    private static double[,] WatsonJacobian(double[] x)
    {
        var jacobian = new double[31, x.Length];
        for (var k = 0; k < 29; k++)
        {
            var t = (k + 1) / 29.0;
            var valueSum = Enumerable.Range(0, x.Length).Sum(j => x[j] * Math.Pow(t, j));
            for (var j = 0; j < x.Length; j++)
                jacobian[k, j] = (j > 0 ? j * Math.Pow(t, j - 1) : 0) - 2 * valueSum * Math.Pow(t, j);
        }
        jacobian[29, 0] = 1;
        (jacobian[30, 0], jacobian[30, 1]) = (-2 * x[0], 1);
        return jacobian;
    }

    private static readonly Expression<Func<double[], double, double, double>> RosenbrockCurvature = (x, a, b) => 10 * (b - a * a);
    private static readonly Expression<Func<double[], double, double>> RosenbrockOffset = (x, a) => 1 - a;

    /// <summary>(21) Extended Rosenbrock, n = 10: independent pairs, so the Hessian is block diagonal with 2×2 blocks.</summary>
    public static TestFunction ExtendedRosenbrock { get; } = TestFunction.LeastSquares(
        "Extended Rosenbrock",
        ModelBuilder.Vector(ScalableDimension, (x, k) => k % 2 == 0
            ? ModelBuilder.Apply(RosenbrockCurvature, x, ModelBuilder.ElementOrZero(x, k, ScalableDimension), ModelBuilder.ElementOrZero(x, k + 1, ScalableDimension))
            : ModelBuilder.Apply(RosenbrockOffset, x, ModelBuilder.ElementOrZero(x, k - 1, ScalableDimension))),
        x => [.. Enumerable.Range(0, x.Length).Select(k => k % 2 == 0 ? 10 * (x[k + 1] - x[k] * x[k]) : 1 - x[k - 1])],
        x =>
        {
            var j = new double[x.Length, x.Length];
            for (var k = 0; k < x.Length; k += 2) (j[k, k], j[k, k + 1], j[k + 1, k]) = (-20 * x[k], 10, -1);
            return j;
        },
        [
            [.. Enumerable.Range(0, ScalableDimension).Select(k => k % 2 == 0 ? -1.2 : 1)],
            [.. Enumerable.Range(0, ScalableDimension).Select(k => 0.3 * k - 1.1)],
            [.. Enumerable.Range(0, ScalableDimension).Select(k => Math.Sin(k + 1))],
        ]);

    private static readonly Expression<Func<double[], double, double, double, double>> BroydenTridiagonalResidual =
        (x, previous, current, next) => (3 - 2 * current) * current - previous - 2 * next + 1;

    /// <summary>(30) Broyden tridiagonal, n = 10, x₀ = xₙ₊₁ = 0: the residual Jacobian is tridiagonal, the Hessian pentadiagonal.</summary>
    public static TestFunction BroydenTridiagonal { get; } = TestFunction.LeastSquares(
        "Broyden tridiagonal",
        ModelBuilder.Vector(ScalableDimension, (x, k) => ModelBuilder.Apply(BroydenTridiagonalResidual, x,
            ModelBuilder.ElementOrZero(x, k - 1, ScalableDimension), ModelBuilder.ElementOrZero(x, k, ScalableDimension), ModelBuilder.ElementOrZero(x, k + 1, ScalableDimension))),
        x => [.. Enumerable.Range(0, x.Length).Select(k => (3 - 2 * x[k]) * x[k] - (k > 0 ? x[k - 1] : 0) - 2 * (k + 1 < x.Length ? x[k + 1] : 0) + 1)],
        x =>
        {
            var j = new double[x.Length, x.Length];
            for (var k = 0; k < x.Length; k++)
            {
                j[k, k] = 3 - 4 * x[k];
                if (k > 0) j[k, k - 1] = -1;
                if (k + 1 < x.Length) j[k, k + 1] = -2;
            }
            return j;
        },
        [
            [.. Enumerable.Repeat(-1.0, ScalableDimension)],
            [.. Enumerable.Range(0, ScalableDimension).Select(k => k % 2 == 0 ? 0.5 : -0.7)],
            [.. Enumerable.Range(0, ScalableDimension).Select(k => Math.Cos(k))],
        ]);

    private static readonly Expression<Func<double[], double, double, double, double>> TrigonometricResidual =
        (x, sumOfCosines, i, xi) => ScalableDimension - sumOfCosines + i * (1 - Math.Cos(xi)) - Math.Sin(xi);

    /// <summary>(26) Trigonometric, n = 10: every residual reads every variable, so everything is dense.</summary>
    public static TestFunction Trigonometric { get; } = TestFunction.LeastSquares(
        "Trigonometric",
        ModelBuilder.Vector(ScalableDimension, (x, k) => ModelBuilder.Apply(TrigonometricResidual, x,
            Enumerable.Range(0, ScalableDimension).Select(j => (Expression)Expression.Call(typeof(Math), nameof(Math.Cos), null, ModelBuilder.ElementOrZero(x, j, ScalableDimension))).Aggregate(Expression.Add),
            Expression.Constant(k + 1.0),
            ModelBuilder.ElementOrZero(x, k, ScalableDimension))),
        x => [.. Enumerable.Range(0, x.Length).Select(k => x.Length - x.Sum(Math.Cos) + (k + 1) * (1 - Math.Cos(x[k])) - Math.Sin(x[k]))],
        x =>
        {
            var j = new double[x.Length, x.Length];
            for (var k = 0; k < x.Length; k++)
            {
                for (var c = 0; c < x.Length; c++) j[k, c] = Math.Sin(x[c]);
                j[k, k] += (k + 1) * Math.Sin(x[k]) - Math.Cos(x[k]);
            }
            return j;
        },
        [
            [.. Enumerable.Repeat(1.0 / ScalableDimension, ScalableDimension)],
            [.. Enumerable.Range(0, ScalableDimension).Select(k => 0.2 * k - 0.9)],
            [.. Enumerable.Range(0, ScalableDimension).Select(k => Math.Sin(3 * k) + 0.5)],
        ]);
}
