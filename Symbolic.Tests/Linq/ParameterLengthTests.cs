using System.Linq.Expressions;
using Symbolic.Tests.Dense;
using Symbolic.Tests.Linq.Support;

namespace Symbolic.Tests.Linq;

/// <summary>
/// The length of the differentiated array (<c>w.Length</c>, <c>w.Count()</c>, <c>w.GetLength(0)</c>) is an integer
/// with derivative zero: a data index or a loop bound computed from it is read like any other integer. Each
/// model is checked through every entry point against its expansion with constant indexes and against
/// finite differences (<see cref="LinqAssert"/>).
/// </summary>
public class ParameterLengthTests
{
    private static readonly double[] Weights = [0.5, -1, 2];
    private static readonly double[] Flat = [1, 2, 3, 4, 5, 6];

    [Fact]
    public void A_captured_flat_matrix_read_at_an_offset_computed_from_w_Length_is_data()
    {
        var x = Flat;
        LinqAssert.MatchesExpansion(
            w => Enumerable.Range(0, 2).Sum(i => Math.Pow(Enumerable.Range(0, w.Length).Sum(j => x[i * w.Length + j] * w[j]), 2)),
            w => Math.Pow(x[0] * w[0] + x[1] * w[1] + x[2] * w[2], 2) + Math.Pow(x[3] * w[0] + x[4] * w[1] + x[5] * w[2], 2),
            Weights);
    }

    [Fact]
    public void A_data_parameter_read_at_an_offset_computed_from_w_Length_is_data() => LinqAssert.MatchesExpansion<double[]>(
        (w, x) => Enumerable.Range(0, x.Length / w.Length).Sum(i => Math.Pow(Enumerable.Range(0, w.Length).Sum(j => x[i * w.Length + j] * w[j]) - 1, 2)),
        (w, x) => Math.Pow(x[0] * w[0] + x[1] * w[1] + x[2] * w[2] - 1, 2) + Math.Pow(x[3] * w[0] + x[4] * w[1] + x[5] * w[2] - 1, 2),
        Weights, Flat);

    [Fact]
    public void W_Count_W_GetLength_and_W_LongLength_are_integers_too() => LinqAssert.MatchesExpansion<double[]>(
        (w, x) => Enumerable.Range(0, x.Length / w.Count()).Sum(i => Math.Pow(Enumerable.Range(0, w.GetLength(0)).Sum(j => x[i * w.LongLength + j] * w[j]) - 1, 2)),
        (w, x) => Math.Pow(x[0] * w[0] + x[1] * w[1] + x[2] * w[2] - 1, 2) + Math.Pow(x[3] * w[0] + x[4] * w[1] + x[5] * w[2] - 1, 2),
        Weights, Flat);

    [Fact]
    public void Unrolled_reads_of_data_and_of_w_at_indexes_computed_from_w_Length_are_differentiated() => LinqAssert.MatchesExpansion<double[]>(
        (w, x) => w[0] * x[w.Length - 3] + w[1] * x[w.Length + 1] * w[w.Length - 1] + Math.Sin(w[0] * w.Length),
        (w, x) => w[0] * x[0] + w[1] * x[4] * w[2] + Math.Sin(w[0] * 3),
        Weights, Flat);

    [Fact]
    public void An_unrolled_model_over_captured_data_indexed_by_w_Length_has_a_Hessian_and_a_Jacobian()
    {
        var x = Flat;
        Expression<Func<double[], double>> f = w => w[0] * x[w.Length - 3] * w[1] + w[1] * x[w.Length + 1] * w[2];
        Expression<Func<double[], double[]>> g = w => new[] { w[0] * x[w.Length], w[1] * w[2] * x[w.Length - 1] };

        var hessian = f.Hessian().Compile()(Weights);
        var jacobian = g.Jacobian().Compile()(Weights);

        // f = x0·w0·w1 + x4·w1·w2: the second derivatives are the data; g's Jacobian is read off the same way.
        Assert.Equal(new double[,] { { 0, 1, 0 }, { 1, 0, 5 }, { 0, 5, 0 } }, hessian);
        Assert.Equal(new double[,] { { 4, 0, 0 }, { 0, 3 * 2, 3 * -1 } }, jacobian);
    }

    private const int Batch = 4, Inputs = 3, Hidden = 2;

    private static readonly Random Random = new(11);
    private static readonly double[] Network = [.. Enumerable.Range(0, Hidden * Inputs + Hidden + Hidden + 1).Select(_ => Random.NextDouble() - 0.5)];
    private static readonly double[] Images = [.. Enumerable.Range(0, Batch * Inputs).Select(_ => Random.NextDouble())];

    /// <summary>
    /// A 3-2-1 tanh network over flat row-major data whose number of inputs is not written down but computed from
    /// p.Length (p holds Hidden·Inputs weights, then 2·Hidden + 1 more), and whose second layer and biases sit at
    /// offsets counted from the end of p: the first layer is still a matrix product on the kernel.
    /// </summary>
    private static readonly Expression<Func<double[], double[], double>> Mlp = (p, x) => Enumerable.Range(0, x.Length / ((p.Length - 1 - 2 * Hidden) / Hidden)).Sum(b => Math.Pow(
        Enumerable.Range(0, Hidden).Sum(j => p[p.Length - 1 - Hidden + j] * Math.Tanh(
            Enumerable.Range(0, (p.Length - 1 - 2 * Hidden) / Hidden).Sum(k => p[j * ((p.Length - 1 - 2 * Hidden) / Hidden) + k] * x[b * ((p.Length - 1 - 2 * Hidden) / Hidden) + k])
            + p[p.Length - 1 - 2 * Hidden + j]))
        + p[p.Length - 1] - 0.5, 2));

    private static readonly Expression<Func<double[], double[], double>> MlpWithConstantOffsets = (p, x) => Enumerable.Range(0, x.Length / Inputs).Sum(b => Math.Pow(
        Enumerable.Range(0, Hidden).Sum(j => p[8 + j] * Math.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[j * Inputs + k] * x[b * Inputs + k]) + p[6 + j]))
        + p[10] - 0.5, 2));

    [Fact]
    public void An_mlp_with_offsets_counted_from_p_Length_is_recognised_as_a_dense_layer_and_has_the_right_gradient()
    {
        Assert.True(KernelCalls.In(Symbolic.Pipeline.GradientOutputs.CompileableGradient<GradientFunc<double[]>>(Calculus.DefaultContext, Mlp)));

        var expected = MlpWithConstantOffsets.Grad().Compile()(Network, Images);
        var model = ModelViews.Of(Mlp, Images);
        LinqAssert.AgreesWithFiniteDifferences("the gradient with constant offsets (the oracle) disagrees with finite differences", model, Network, expected);
        var gradient = new double[Network.Length];
        // The kernel sums in its own order: agreement to rounding, not bit for bit.
        Assert.Equal(model.Value(Network), model.CompiledGradient(Network, gradient), 12);
        LinqAssert.Vectors("CompileGradient", Mlp, Network, expected, gradient);
        LinqAssert.Vectors("Grad", Mlp, Network, expected, model.Grad(Network));
    }
}
