using System.Linq.Expressions;

namespace ClusterLogistic;

/// <summary>
/// The sample's data and model: rows of <see cref="Features"/> features drawn from a fixed logistic model,
/// generated per partition from the partition's own seed (so a silo can make its partition, and make it
/// again after a fault, without reading anything), and the mean negative log-likelihood.
/// </summary>
public static class LogisticData
{
    public const int Features = 8;

    /// <summary>The name the silos register the model under.</summary>
    public const string ModelName = "logistic";

    /// <summary>The mean negative log-likelihood, log(1 + eᶻ) − y·z with z = w·x + b, written stably (see samples/LogisticRegression).</summary>
    public static readonly Expression<Func<double[], double[][], double[], double>> MeanNegativeLogLikelihood = (w, xs, ys) =>
        xs.Select(x => Enumerable.Range(0, Features).Sum(j => w[j] * x[j]) + w[Features])
          .Zip(ys, (z, y) => (z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))) - y * z)
          .Average();

    /// <summary>The rows of partition <paramref name="partition"/> of <paramref name="rowCount"/> rows in <paramref name="partitionCount"/> partitions.</summary>
    public static (double[][] Inputs, double[] Targets) Partition(int rowCount, int partition, int partitionCount)
    {
        var (_, length) = Symbolic.Orleans.RowPartitioning.Rows(rowCount, partition, partitionCount).GetOffsetAndLength(rowCount);
        var random = new Random(1_000_003 * (partition + 1));
        var (inputs, targets) = (new double[length][], new double[length]);
        for (var i = 0; i < length; i++)
        {
            var x = new double[Features];
            var z = -0.5;
            for (var j = 0; j < Features; j++)
            {
                x[j] = 2 * random.NextDouble() - 1;
                z += (j % 2 == 0 ? 1.0 : -1.0) * (j + 1) * 0.25 * x[j];
            }
            (inputs[i], targets[i]) = (x, random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1 : 0);
        }
        return (inputs, targets);
    }

    /// <summary>All partitions one after the other: the same rows a cluster holds.</summary>
    public static (double[][] Inputs, double[] Targets) All(int rowCount, int partitionCount)
    {
        var (inputs, targets) = (new double[rowCount][], new double[rowCount]);
        for (var p = 0; p < partitionCount; p++)
        {
            var (start, _) = Symbolic.Orleans.RowPartitioning.Rows(rowCount, p, partitionCount).GetOffsetAndLength(rowCount);
            var (xs, ys) = Partition(rowCount, p, partitionCount);
            xs.CopyTo(inputs, start);
            ys.CopyTo(targets, start);
        }
        return (inputs, targets);
    }
}
