using System.Linq.Expressions;

namespace Symbolic.Tests.Dense;

/// <summary>
/// A layer over data in each layout a user may hold it — flat row-major, 2-D, jagged — and for one example
/// (a matrix–vector product) is recognised and gives the gradient of its scalar loops.
/// </summary>
public class DataLayoutTests
{
    private const int Batch = 7, Inputs = 5, Hidden = 3;

    private static readonly Random Random = new(5);
    private static readonly double[] Parameters = [.. Enumerable.Range(0, Hidden * Inputs + Hidden).Select(_ => Random.NextDouble() - 0.5)];
    private static readonly double[][] Rows = [.. Enumerable.Range(0, Batch).Select(_ => Enumerable.Range(0, Inputs).Select(_ => Random.NextDouble()).ToArray())];

    [Fact]
    public void Flat_row_major_data() => Agrees(FlatLayer, Flat);

    private static readonly double[] Flat = [.. Rows.SelectMany(r => r)];

    private static readonly Expression<Func<double[], double[], double>> FlatLayer = (p, x) => Enumerable.Range(0, Batch).Sum(b => Enumerable.Range(0, Hidden).Sum(j =>
        Math.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[j * Inputs + k] * x[b * Inputs + k]) + p[Hidden * Inputs + j])));

    private static readonly Expression<Func<double[], double[], double>> FlatLayerWithWeightDecay = (p, x) => Enumerable.Range(0, Batch).Sum(b => Enumerable.Range(0, Hidden).Sum(j =>
        Math.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[j * Inputs + k] * x[b * Inputs + k]) + p[Hidden * Inputs + j])))
        + 0.01 * Enumerable.Range(0, Hidden * Inputs).Sum(k => p[k] * p[k]);

    [Fact]
    public void Weight_decay_reads_the_weights_a_product_also_writes_so_their_block_is_added_into() => Agrees(FlatLayerWithWeightDecay, Flat);

    [Fact]
    public void Only_a_block_that_the_product_alone_writes_is_overwritten_rather_than_cleared_and_added_into()
    {
        Assert.True(KernelCalls.Overwrite(Symbolic.Pipeline.GradientOutputs.CompileableGradient<Func<double[], double[], double[], double>>(Calculus.DefaultContext, FlatLayer)));
        Assert.False(KernelCalls.Overwrite(Symbolic.Pipeline.GradientOutputs.CompileableGradient<Func<double[], double[], double[], double>>(Calculus.DefaultContext, FlatLayerWithWeightDecay)));
    }

    [Fact]
    public void Two_dimensional_data() => Agrees<double[,]>((p, x) => Enumerable.Range(0, x.GetLength(0)).Sum(b => Enumerable.Range(0, Hidden).Sum(j =>
        Math.Tanh(Enumerable.Range(0, x.GetLength(1)).Sum(k => p[j * Inputs + k] * x[b, k]) + p[Hidden * Inputs + j]))), ToMatrix(Rows));

    [Fact]
    public void Jagged_data_through_Select() => Agrees<double[][]>((p, xs) => xs.Select(x => Enumerable.Range(0, Hidden).Sum(j =>
        Math.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[j * Inputs + k] * x[k]) + p[Hidden * Inputs + j]))).Sum(), Rows);

    [Fact]
    public void One_example_a_matrix_vector_product_and_its_outer_product_gradient() => Agrees<double[]>((p, x) => Enumerable.Range(0, Hidden).Sum(j =>
        Math.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[j * Inputs + k] * x[k]) + p[Hidden * Inputs + j])), Rows[0]);

    [Fact]
    public void A_matrix_vector_product_over_jagged_rows_stays_a_loop_since_a_copy_would_cost_as_much() => Agrees<double[][]>((p, xs) =>
        Enumerable.Range(0, xs.Length).Sum(b => Math.Tanh(Enumerable.Range(0, Inputs).Sum(k => xs[b][k] * p[k]))), Rows, recognised: false);

    private static void Agrees<TData>(Expression<Func<double[], TData, double>> model, TData data, bool recognised = true)
    {
        var dense = Symbolic.Pipeline.GradientOutputs.CompileableGradient<Func<double[], TData, double[], double>>(Calculus.DefaultContext, model);
        var scalar = Symbolic.Pipeline.GradientOutputs.CompileableGradient<Func<double[], TData, double[], double>>(Calculus.DefaultContext, model, recognizeProducts: false);
        Assert.Equal(recognised, KernelCalls.In(dense));
        // Buffers full of NaN: every entry must be written (blocks a product overwrites are not cleared first).
        var (gDense, gScalar) = (Enumerable.Repeat(double.NaN, Parameters.Length).ToArray(), Enumerable.Repeat(double.NaN, Parameters.Length).ToArray());
        Assert.Equal(scalar.Compile()(Parameters, data, gScalar), dense.Compile()(Parameters, data, gDense), 12);
        for (var i = 0; i < Parameters.Length; i++) Assert.Equal(gScalar[i], gDense[i], 12);
    }

    private static double[,] ToMatrix(double[][] rows)
    {
        var m = new double[rows.Length, rows[0].Length];
        for (var i = 0; i < rows.Length; i++)
            for (var j = 0; j < rows[0].Length; j++) m[i, j] = rows[i][j];
        return m;
    }
}
