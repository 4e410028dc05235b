using System.Linq.Expressions;

namespace Symbolic.Tests.Models;

// Functions of two variables. Numbers in brackets are those of Moré, Garbow and Hillstrom,
// "Testing unconstrained optimization software", ACM TOMS 7 (1981).
public static partial class ModelZoo
{
    private static readonly double[] BealeY = [1.5, 2.25, 2.625];

    /// <summary>(1) Rosenbrock: r = (10(x₂ − x₁²), 1 − x₁), written as 100(x₂ − x₁²)² + (1 − x₁)².</summary>
    public static TestFunction Rosenbrock { get; } = TestFunction.LeastSquares(
        "Rosenbrock",
        x => new[] { 10 * (x[1] - x[0] * x[0]), 1 - x[0] },
        x => [10 * (x[1] - x[0] * x[0]), 1 - x[0]],
        x => new double[,] { { -20 * x[0], 10 }, { -1, 0 } },
        [[-1.2, 1], [0.5, 0.7], [2, -1]],
        function: x => 100 * Math.Pow(x[1] - x[0] * x[0], 2) + Math.Pow(1 - x[0], 2));

    /// <summary>(2) Freudenstein and Roth.</summary>
    public static TestFunction FreudensteinRoth { get; } = TestFunction.LeastSquares(
        "Freudenstein-Roth",
        x => new[] { -13 + x[0] + ((5 - x[1]) * x[1] - 2) * x[1], -29 + x[0] + ((x[1] + 1) * x[1] - 14) * x[1] },
        x => [-13 + x[0] + ((5 - x[1]) * x[1] - 2) * x[1], -29 + x[0] + ((x[1] + 1) * x[1] - 14) * x[1]],
        x => new double[,]
        {
            { 1, 10 * x[1] - 3 * x[1] * x[1] - 2 },
            { 1, 3 * x[1] * x[1] + 2 * x[1] - 14 },
        },
        [[0.5, -2], [6, 3], [-1.5, 0.3]]);

    /// <summary>(3) Powell badly scaled.</summary>
    public static TestFunction PowellBadlyScaled { get; } = TestFunction.LeastSquares(
        "Powell badly scaled",
        x => new[] { 1e4 * x[0] * x[1] - 1, Math.Exp(-x[0]) + Math.Exp(-x[1]) - 1.0001 },
        x => [1e4 * x[0] * x[1] - 1, Math.Exp(-x[0]) + Math.Exp(-x[1]) - 1.0001],
        x => new double[,] { { 1e4 * x[1], 1e4 * x[0] }, { -Math.Exp(-x[0]), -Math.Exp(-x[1]) } },
        [[0, 1], [0.2, 0.3], [-0.5, 1.5]]);

    /// <summary>(4) Brown badly scaled.</summary>
    public static TestFunction BrownBadlyScaled { get; } = TestFunction.LeastSquares(
        "Brown badly scaled",
        x => new[] { x[0] - 1e6, x[1] - 2e-6, x[0] * x[1] - 2 },
        x => [x[0] - 1e6, x[1] - 2e-6, x[0] * x[1] - 2],
        x => new double[,] { { 1, 0 }, { 0, 1 }, { x[1], x[0] } },
        [[1, 1], [3, -2], [1e3, 1e-3]]);

    /// <summary>(5) Beale: rᵢ = yᵢ − x₁(1 − x₂ⁱ); y read from a captured array.</summary>
    public static TestFunction Beale { get; } = TestFunction.LeastSquares(
        "Beale",
        x => new[] { BealeY[0] - x[0] * (1 - x[1]), BealeY[1] - x[0] * (1 - x[1] * x[1]), BealeY[2] - x[0] * (1 - Math.Pow(x[1], 3)) },
        x => [.. Enumerable.Range(1, 3).Select(i => BealeY[i - 1] - x[0] * (1 - Math.Pow(x[1], i)))],
        x =>
        {
            var j = new double[3, 2];
            for (var i = 1; i <= 3; i++) (j[i - 1, 0], j[i - 1, 1]) = (-(1 - Math.Pow(x[1], i)), x[0] * i * Math.Pow(x[1], i - 1));
            return j;
        },
        [[1, 1], [2, -0.5], [-1, 1.5]],
        function: x => Math.Pow(BealeY[0] - x[0] * (1 - x[1]), 2)
                     + Math.Pow(BealeY[1] - x[0] * (1 - x[1] * x[1]), 2)
                     + Math.Pow(BealeY[2] - x[0] * (1 - x[1] * x[1] * x[1]), 2));

    private static readonly Expression<Func<double[], double, double>> JennrichSampsonResidual =
        (x, i) => 2 + 2 * i - (Math.Exp(i * x[0]) + Math.Exp(i * x[1]));

    /// <summary>(6) Jennrich and Sampson, m = 10.</summary>
    public static TestFunction JennrichSampson { get; } = TestFunction.LeastSquares(
        "Jennrich-Sampson",
        ModelBuilder.Vector(10, (x, k) => ModelBuilder.Apply(JennrichSampsonResidual, x, k + 1.0)),
        x => [.. Enumerable.Range(1, 10).Select(i => 2 + 2 * i - (Math.Exp(i * x[0]) + Math.Exp(i * x[1])))],
        x =>
        {
            var j = new double[10, 2];
            for (var i = 1; i <= 10; i++) (j[i - 1, 0], j[i - 1, 1]) = (-i * Math.Exp(i * x[0]), -i * Math.Exp(i * x[1]));
            return j;
        },
        [[0.3, 0.4], [0.25, 0.26], [-0.2, 0.1]]);

    /// <summary>Booth: (x₁ + 2x₂ − 7)² + (2x₁ + x₂ − 5)².</summary>
    public static TestFunction Booth { get; } = TestFunction.LeastSquares(
        "Booth",
        x => new[] { x[0] + 2 * x[1] - 7, 2 * x[0] + x[1] - 5 },
        x => [x[0] + 2 * x[1] - 7, 2 * x[0] + x[1] - 5],
        _ => new double[,] { { 1, 2 }, { 2, 1 } },
        [[0, 0], [2, -1], [-3.5, 4]],
        function: x => Math.Pow(x[0] + 2 * x[1] - 7, 2) + Math.Pow(2 * x[0] + x[1] - 5, 2));

    /// <summary>Himmelblau: (x₁² + x₂ − 11)² + (x₁ + x₂² − 7)².</summary>
    public static TestFunction Himmelblau { get; } = TestFunction.LeastSquares(
        "Himmelblau",
        x => new[] { x[0] * x[0] + x[1] - 11, x[0] + x[1] * x[1] - 7 },
        x => [x[0] * x[0] + x[1] - 11, x[0] + x[1] * x[1] - 7],
        x => new double[,] { { 2 * x[0], 1 }, { 1, 2 * x[1] } },
        [[0, 0], [1, 1], [-2.5, 3.1]],
        function: x => Math.Pow(x[0] * x[0] + x[1] - 11, 2) + Math.Pow(x[0] + x[1] * x[1] - 7, 2));

    /// <summary>Three-hump camel: 2x₁² − 1.05x₁⁴ + x₁⁶/6 + x₁x₂ + x₂².</summary>
    public static TestFunction ThreeHumpCamel { get; } = new(
        "Three-hump camel",
        x => 2 * x[0] * x[0] - 1.05 * Math.Pow(x[0], 4) + Math.Pow(x[0], 6) / 6 + x[0] * x[1] + x[1] * x[1],
        x => [4 * x[0] - 4.2 * Math.Pow(x[0], 3) + Math.Pow(x[0], 5) + x[1], x[0] + 2 * x[1]],
        [[0.5, -0.5], [1.7, 0.9], [-1.2, 2]]);

    /// <summary>Matyas: 0.26(x₁² + x₂²) − 0.48x₁x₂.</summary>
    public static TestFunction Matyas { get; } = new(
        "Matyas",
        x => 0.26 * (x[0] * x[0] + x[1] * x[1]) - 0.48 * x[0] * x[1],
        x => [0.52 * x[0] - 0.48 * x[1], 0.52 * x[1] - 0.48 * x[0]],
        [[1, 1], [-3, 2.5], [0.4, -7]]);
}
