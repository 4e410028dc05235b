using System.Linq.Expressions;
using Symbolic.Bench.Kernels;
using Symbolic.Bench.Linq;

namespace Symbolic.Bench.OnePipeline;

/// <summary>
/// The models in the one-data-parameter form <c>(w, data) =&gt; …</c> that <c>ToCSharpGradient&lt;T1&gt;</c>
/// takes: the same arithmetic as <see cref="DenseMlpBaselineBenchmark.LinqModel"/> and <see cref="LinqModels.LogisticNll"/>,
/// with the data parameters packed into one array.
/// </summary>
public static class PipelineModels
{
    private const int Batch = DenseMlpBaselineBenchmark.Batch, Inputs = DenseMlpBaselineBenchmark.Inputs,
        Hidden = DenseMlpBaselineBenchmark.Hidden, Classes = DenseMlpBaselineBenchmark.Classes;

    // The parameters packed as in DenseMlpBaselineBenchmark: W1 | b1 | W2 | b2.
    private const int OffsetB1 = Hidden * Inputs, OffsetW2 = OffsetB1 + Hidden, OffsetB2 = OffsetW2 + Classes * Hidden;

    /// <summary>The number of parameters of the 784-128-10 MLP.</summary>
    public const int MlpParameters = OffsetB2 + Classes;

    private const int D = LinqModels.Features;

    /// <summary>
    /// The logistic negative log-likelihood over dense flat data: row i is data[i·(d + 1) … i·(d + 1) + d − 1],
    /// its label data[i·(d + 1) + d] (a table of features and label, row-major).
    /// </summary>
    public static readonly Expression<Func<double[], double[], double>> LogisticFlat = (w, data) =>
        Enumerable.Range(0, data.Length / (D + 1)).Sum(i =>
            Math.Log(1 + Math.Exp(Enumerable.Range(0, D).Sum(j => w[j] * data[i * (D + 1) + j]) + w[D]))
            - data[i * (D + 1) + D] * (Enumerable.Range(0, D).Sum(j => w[j] * data[i * (D + 1) + j]) + w[D]));

    /// <summary>The rows and labels of <see cref="LinqModels.LogisticData"/> as one row-major table of d + 1 columns.</summary>
    public static double[] LogisticTable(double[][] X, double[] y)
    {
        var table = new double[y.Length * (D + 1)];
        for (var i = 0; i < y.Length; i++)
        {
            X[i].CopyTo(table, i * (D + 1));
            table[i * (D + 1) + D] = y[i];
        }
        return table;
    }

    /// <summary>Throws unless the two vectors agree within <paramref name="tolerance"/>, relative to the largest entry.</summary>
    public static void CheckClose(string what, double[] expected, double[] actual, double tolerance = 1e-12) =>
        LinqModels.CheckClose(what, expected, actual, tolerance);
}
