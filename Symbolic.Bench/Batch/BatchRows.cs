namespace Symbolic.Bench.Batch;

/// <summary>
/// A batch of m rows of d features uniform in [−1, 1) with targets (seed 7), held in every layout: row-major
/// flat (X[i·d + j]), 2-D (X[i, j]) and jagged (X[i][j]). Hand-written forms read a row as a span of the layout
/// they are measured on.
/// </summary>
public sealed class BatchRows
{
    /// <summary>The rows and features.</summary>
    public int M { get; }

    /// <inheritdoc cref="M"/>
    public int D { get; }

    /// <summary>The rows, row-major.</summary>
    public double[] Flat { get; }

    /// <summary>The rows as a 2-D array.</summary>
    public double[,] Matrix { get; }

    /// <summary>The rows as a jagged array.</summary>
    public double[][] Jagged { get; }

    /// <summary>Targets in {0, 1} drawn from a logistic model, or class labels 0 … classes − 1 (see constructor).</summary>
    public double[] Y { get; }

    /// <summary>Random rows; targets are labels in [0, <paramref name="classes"/>) when classes &gt; 2, else {0, 1} from a logistic model.</summary>
    public BatchRows(int m, int d, int classes = 2)
    {
        (M, D) = (m, d);
        var random = new Random(7);
        var truth = Enumerable.Range(0, d + 1).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        (Flat, Matrix, Jagged, Y) = (new double[m * d], new double[m, d], new double[m][], new double[m]);
        for (var i = 0; i < m; i++)
        {
            Jagged[i] = new double[d];
            var z = truth[d];
            for (var j = 0; j < d; j++)
            {
                Flat[i * d + j] = Matrix[i, j] = Jagged[i][j] = 2 * random.NextDouble() - 1;
                z += truth[j] * Flat[i * d + j] / Math.Sqrt(d);
            }
            Y[i] = classes > 2 ? random.Next(classes) : random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1 : 0;
        }
    }

    /// <summary>Weights w[j] = 0.3·sin(j + 1) / √d (not the optimum, not zero).</summary>
    public static double[] Weights(int count, int d) => [.. Enumerable.Range(0, count).Select(j => 0.3 * Math.Sin(j + 1) / Math.Sqrt(d))];

    /// <summary>Throws unless the two agree within a relative tolerance (setup checks every variant against the baseline).</summary>
    public static void Check(string what, double expected, double actual, double[] expectedGradient, double[] gradient)
    {
        Linq.LinqModels.CheckClose(what + " value", expected, actual, 1e-9);
        Linq.LinqModels.CheckClose(what + " gradient", expectedGradient, gradient, 1e-9);
    }
}
