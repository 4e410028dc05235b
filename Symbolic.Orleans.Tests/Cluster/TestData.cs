using System.Linq.Expressions;

namespace Symbolic.Orleans.Tests.Cluster;

/// <summary>Small deterministic data sets and the additive models the cluster tests train on them.</summary>
internal static class TestData
{
    /// <summary>Least squares over rows (x₀, x₁, y): a sum over rows.</summary>
    public static readonly Expression<Func<double[], double[][], double>> SquaredError = (w, rows) =>
        rows.Sum(r => (w[0] * r[0] + w[1] * r[1] + w[2] - r[2]) * (w[0] * r[0] + w[1] * r[1] + w[2] - r[2]));

    /// <summary>The mean logistic negative log-likelihood over inputs of 3 features and 0/1 targets.</summary>
    public static readonly Expression<Func<double[], double[][], double[], double>> LogisticLoss = (w, xs, ys) =>
        xs.Select(x => w[0] * x[0] + w[1] * x[1] + w[2] * x[2] + w[3])
          .Zip(ys, (z, y) => (z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))) - y * z)
          .Average();

    /// <summary>Rows (x₀, x₁, y) with y = 2x₀ − x₁ + 0.5 + noise.</summary>
    public static double[][] Rows(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new double[count][];
        for (var i = 0; i < count; i++)
        {
            var (x0, x1) = (random.NextDouble() * 4 - 2, random.NextDouble() * 4 - 2);
            rows[i] = [x0, x1, 2 * x0 - x1 + 0.5 + 0.1 * (random.NextDouble() - 0.5)];
        }
        return rows;
    }

    /// <summary>Inputs of 3 features and labels drawn from a logistic model.</summary>
    public static (double[][] Inputs, double[] Targets) Labelled(int count, int seed)
    {
        var random = new Random(seed);
        var (inputs, targets) = (new double[count][], new double[count]);
        for (var i = 0; i < count; i++)
        {
            inputs[i] = [random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1];
            var z = 1.5 * inputs[i][0] - 2 * inputs[i][1] + 0.5 * inputs[i][2] - 0.25;
            targets[i] = random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1 : 0;
        }
        return (inputs, targets);
    }

    /// <summary>The partition's rows, as <see cref="RowPartitioning.Rows"/> cuts them.</summary>
    public static T[] Slice<T>(T[] data, int partition, int partitionCount) => data[RowPartitioning.Rows(data.Length, partition, partitionCount)];
}
