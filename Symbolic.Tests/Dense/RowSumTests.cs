using System.Linq.Expressions;
using Symbolic.Runtime;

namespace Symbolic.Tests.Dense;

/// <summary>
/// Sums over contiguous rows run as vectorised row maps in compiled gradients; they must agree with the
/// scalar loops of <c>Grad</c> (within round-off: the additions are grouped differently).
/// </summary>
public class RowSumTests
{
    /// <summary>
    /// A regression found by the random LINQ models: a scalar of one row program was itself a vectorised sum,
    /// evaluated in the middle of the other's row operations, which share the scratch rows.
    /// </summary>
    [Fact]
    public void A_row_sum_whose_scalar_is_another_row_sum_gives_the_gradient_of_the_loops()
    {
        Expression<Func<double[], double[], double>> f = (x, data) => Enumerable.Range(0, x.Length).Sum(i => x[i])
            / (1 + Enumerable.Range(1, Math.Max(0, x.Length - 2)).Sum(i => 1 / (1 + (Math.Tanh(x[0]) / (1 + x[i + 1] * x[i + 1])) * (Math.Tanh(x[0]) / (1 + x[i + 1] * x[i + 1]))))
                 * Enumerable.Range(1, Math.Max(0, x.Length - 2)).Sum(i => 1 / (1 + (Math.Tanh(x[0]) / (1 + x[i + 1] * x[i + 1])) * (Math.Tanh(x[0]) / (1 + x[i + 1] * x[i + 1])))));
        double[] x = [0.837019, 0.241629, 0.665648];
        var compiled = new double[x.Length];
        var value = f.CompileGradient()(x, [], compiled);
        var loops = f.Grad().Compile()(x, []);
        Assert.Equal(f.Compile()(x, []), value, 14);
        for (var i = 0; i < x.Length; i++) Assert.Equal(loops[i], compiled[i], 13);
    }

    /// <summary>
    /// A regression found by the random LINQ models: a row sum read a scalar that the emitter had placed in a
    /// conditional branch (the gradient's guard), where it is assigned only when the branch runs.
    /// </summary>
    [Fact]
    public void A_row_sum_uses_only_values_computed_where_it_is()
    {
        Expression<Func<double[], double[], double>> f = (x, data) => Enumerable.Range(0, Math.Max(0, x.Length)).Sum(i =>
            1 / (1 + Enumerable.Range(0, Math.Max(0, x.Length)).Sum(j => x[j] + x[i] / (1 + x[i] * x[i]))
                   * Enumerable.Range(0, Math.Max(0, x.Length)).Sum(j => x[j] + x[i] / (1 + x[i] * x[i]))));
        foreach (double[] x in new[] { new[] { -1.042271 }, [0.3, -0.7, 1.9] })
        {
            var compiled = new double[x.Length];
            Assert.Equal(f.Compile()(x, []), f.CompileGradient()(x, [], compiled), 14);
            var loops = f.Grad().Compile()(x, []);
            for (var i = 0; i < x.Length; i++) Assert.Equal(loops[i], compiled[i], 13);
        }
    }

    [Fact]
    public void A_dot_product_with_a_data_row_and_a_softmax_normaliser_agree_with_their_loops()
    {
        Expression<Func<double[], double[], double>> f = (w, data) =>
            Math.Log(Enumerable.Range(0, w.Length).Sum(k => Math.Exp(w[k] - 1.5))) + Enumerable.Range(0, w.Length).Sum(k => w[k] * data[k]);
        double[] w = [.. Enumerable.Range(0, 37).Select(i => Math.Sin(i))], data = [.. Enumerable.Range(0, 37).Select(i => Math.Cos(3 * i))];
        var compiled = new double[w.Length];
        Assert.Equal(f.Compile()(w, data), f.CompileGradient()(w, data, compiled), 13);
        var loops = f.Grad().Compile()(w, data);
        for (var i = 0; i < w.Length; i++) Assert.Equal(loops[i], compiled[i], 14);
        Assert.Contains("RowMaps.Sum", DebugView(f));
    }

    private static string DebugView(Expression<Func<double[], double[], double>> f) =>
        (string)typeof(Expression).GetProperty("DebugView", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .GetValue(Symbolic.Pipeline.GradientOutputs.CompileableGradient<GradientFunc<double[]>>(Calculus.DefaultContext, f))!;
}
