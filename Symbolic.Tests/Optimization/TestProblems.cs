using System.Linq.Expressions;

namespace Symbolic.Tests.Optimization;

/// <summary>Classic minimisation problems written as Symbolic models, with their known minimisers.</summary>
internal static class TestProblems
{
    /// <summary>Rosenbrock's banana valley; minimum 0 at (1, 1), standard start (−1.2, 1).</summary>
    public static readonly Expression<Func<double[], double>> Rosenbrock =
        x => 100 * Math.Pow(x[1] - x[0] * x[0], 2) + Math.Pow(1 - x[0], 2);

    /// <summary>The chained Rosenbrock function in LINQ form; minimum 0 at (1, …, 1).</summary>
    public static readonly Expression<Func<double[], double>> ChainedRosenbrock =
        x => Enumerable.Range(0, x.Length - 1).Sum(i => 100 * Math.Pow(x[i + 1] - x[i] * x[i], 2) + Math.Pow(1 - x[i], 2));

    /// <summary>A convex quadratic ½(x − c)ᵀA(x − c), A = [[4, 1, 0], [1, 2, 0], [0, 0, 10]], c = (1, −2, 0.5); minimum 0 at c.</summary>
    public static readonly Expression<Func<double[], double>> Quadratic =
        x => 2 * Math.Pow(x[0] - 1, 2) + (x[0] - 1) * (x[1] + 2) + Math.Pow(x[1] + 2, 2) + 5 * Math.Pow(x[2] - 0.5, 2);

    public static readonly double[] QuadraticMinimizer = [1, -2, 0.5];

    /// <summary>Σ (i + 1)(xᵢ − 1)² in LINQ form: a diagonal quadratic with condition number n; minimum 0 at (1, …, 1).</summary>
    public static readonly Expression<Func<double[], double>> ScaledSphere =
        x => Enumerable.Range(0, x.Length).Sum(i => (i + 1) * Math.Pow(x[i] - 1, 2));

    /// <summary>Beale's function; minimum 0 at (3, 0.5), standard start (1, 1).</summary>
    public static readonly Expression<Func<double[], double>> Beale =
        x => Math.Pow(1.5 - x[0] * (1 - x[1]), 2) + Math.Pow(2.25 - x[0] * (1 - x[1] * x[1]), 2) + Math.Pow(2.625 - x[0] * (1 - x[1] * x[1] * x[1]), 2);

    /// <summary>Wood's function; minimum 0 at (1, 1, 1, 1), standard start (−3, −1, −3, −1).</summary>
    public static readonly Expression<Func<double[], double>> Wood =
        x => 100 * Math.Pow(x[1] - x[0] * x[0], 2) + Math.Pow(1 - x[0], 2) + 90 * Math.Pow(x[3] - x[2] * x[2], 2) + Math.Pow(1 - x[2], 2)
             + 10.1 * (Math.Pow(x[1] - 1, 2) + Math.Pow(x[3] - 1, 2)) + 19.8 * (x[1] - 1) * (x[3] - 1);

    public static double[] Ones(int n) => [.. Enumerable.Repeat(1.0, n)];

    /// <summary>The largest |aᵢ − bᵢ|.</summary>
    public static double MaxDistance(double[] a, double[] b) => a.Zip(b, (u, v) => Math.Abs(u - v)).Max();
}
