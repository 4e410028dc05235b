using System.Linq.Expressions;

namespace Symbolic.Bench.Linq;

/// <summary>
/// The LINQ models of the LINQ-models issue, written as a user would, with their fixed-seed data.
/// Shared by the gradient and compile-time benchmarks.
/// </summary>
public static class LinqModels
{
    /// <summary>The number of features of the logistic regression (w has <see cref="Features"/> + 1 entries, the last the intercept).</summary>
    public const int Features = 10;

    /// <summary>Rosenbrock's function in its LINQ form.</summary>
    public static Expression<Func<double[], double>> Rosenbrock() =>
        x => Enumerable.Range(0, x.Length - 1).Sum(i => 100 * Math.Pow(x[i + 1] - x[i] * x[i], 2) + Math.Pow(1 - x[i], 2));

    /// <summary>
    /// The negative log-likelihood of logistic regression, Σᵢ log(1 + exp(zᵢ)) − yᵢ·zᵢ with
    /// zᵢ = Σⱼ w[j]·X[i][j] + w[d], written with zᵢ spelled out twice (Symbolic interns equal sums).
    /// </summary>
    public static Expression<Func<double[], double[][], double[], double>> LogisticNll() =>
        (w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
            Math.Log(1 + Math.Exp(Enumerable.Range(0, Features).Sum(j => w[j] * X[i][j]) + w[Features]))
            - y[i] * (Enumerable.Range(0, Features).Sum(j => w[j] * X[i][j]) + w[Features]));

    /// <summary>
    /// The same negative log-likelihood over data captured in a closure (a new closure object on every
    /// call, so <see cref="Calculus.CompileGradient{T1}"/>'s structural cache, which compares closures by
    /// reference, never hits).
    /// </summary>
    public static Expression<Func<double[], double>> LogisticNllCaptured(double[][] X, double[] y) =>
        w => Enumerable.Range(0, y.Length).Sum(i =>
            Math.Log(1 + Math.Exp(Enumerable.Range(0, Features).Sum(j => w[j] * X[i][j]) + w[Features]))
            - y[i] * (Enumerable.Range(0, Features).Sum(j => w[j] * X[i][j]) + w[Features]));

    /// <summary>A point of dimension <paramref name="n"/> with entries uniform in [−2, 2) (seed 42).</summary>
    public static double[] RosenbrockPoint(int n)
    {
        var random = new Random(42);
        return [.. Enumerable.Range(0, n).Select(_ => 4 * random.NextDouble() - 2)];
    }

    /// <summary>
    /// <paramref name="rows"/> rows of <see cref="Features"/> features uniform in [−1, 1) and labels drawn
    /// from the logistic model with fixed true weights (seed 7).
    /// </summary>
    public static (double[][] X, double[] Y) LogisticData(int rows)
    {
        var random = new Random(7);
        var truth = Enumerable.Range(0, Features + 1).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        var X = new double[rows][];
        var y = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var row = X[i] = new double[Features];
            var z = truth[Features];
            for (var j = 0; j < Features; j++)
            {
                row[j] = 2 * random.NextDouble() - 1;
                z += truth[j] * row[j];
            }
            y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1 : 0;
        }
        return (X, y);
    }

    /// <summary>The parameters at which the logistic gradient is evaluated: w[j] = 0.3·sin(j + 1) (not the optimum, not zero).</summary>
    public static double[] LogisticWeights() => [.. Enumerable.Range(0, Features + 1).Select(j => 0.3 * Math.Sin(j + 1))];

    /// <summary>Throws unless <paramref name="actual"/> equals <paramref name="expected"/> within a relative tolerance.</summary>
    public static void CheckClose(string what, double expected, double actual, double tolerance = 1e-9)
    {
        if (!(Math.Abs(actual - expected) <= tolerance * Math.Max(1.0, Math.Abs(expected))))
            throw new InvalidOperationException($"{what}: expected {expected:R}, got {actual:R}.");
    }

    /// <summary>Throws unless the two vectors agree entry by entry (tolerance relative to the largest entry).</summary>
    public static void CheckClose(string what, double[] expected, double[] actual, double tolerance = 1e-9)
    {
        if (expected.Length != actual.Length) throw new InvalidOperationException($"{what}: lengths {expected.Length} and {actual.Length}.");
        var scale = Math.Max(1.0, expected.Max(Math.Abs));
        for (var k = 0; k < expected.Length; k++)
            if (!(Math.Abs(actual[k] - expected[k]) <= tolerance * scale))
                throw new InvalidOperationException($"{what}[{k}]: expected {expected[k]:R}, got {actual[k]:R}.");
    }
}
