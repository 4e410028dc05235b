using System.Linq.Expressions;
using Symbolic.Runtime;

namespace Symbolic.Tests.Dense;

/// <summary>
/// Conditionals over rows (ReLU and its derivative) run as vectorised selections in compiled gradients, but
/// only where computing both branches for every element cannot read what the conditional guards.
/// </summary>
public class SelectionTests
{
    // Hidden units: wide enough for the vectorised selection to pay (RowCostRule keeps narrower rows as loops).
    private const int Batch = 9, Inputs = 6, Hidden = 96;

    private static readonly Expression<Func<double[], double[], double>> ReluLayer = (p, x) => Enumerable.Range(0, Batch).Sum(b =>
        Enumerable.Range(0, Hidden).Sum(j => p[Hidden * Inputs + Hidden + j] * Functions.Relu(Enumerable.Range(0, Inputs).Sum(k => p[j * Inputs + k] * x[b * Inputs + k]) + p[Hidden * Inputs + j])));

    [Fact]
    public void A_relu_layer_selects_on_whole_rows_and_gives_the_gradient_of_its_loops()
    {
        var random = new Random(8);
        var p = Enumerable.Range(0, Hidden * Inputs + 2 * Hidden).Select(_ => random.NextDouble() - 0.5).ToArray();
        var x = Enumerable.Range(0, Batch * Inputs).Select(_ => random.NextDouble() - 0.5).ToArray();
        var dense = Symbolic.Pipeline.GradientOutputs.CompileableGradient<GradientFunc<double[]>>(Calculus.DefaultContext, ReluLayer);
        Assert.Contains("RowMaps.Select", DebugView(dense));
        var scalar = Symbolic.Pipeline.GradientOutputs.CompileableGradient<GradientFunc<double[]>>(Calculus.DefaultContext, ReluLayer, recognizeProducts: false).Compile();
        var (gDense, gScalar) = (new double[p.Length], new double[p.Length]);
        Assert.Equal(scalar(p, x, gScalar), dense.Compile()(p, x, gDense), 13);
        for (var i = 0; i < p.Length; i++) Assert.Equal(gScalar[i], gDense[i], 13);
        Assert.Contains(gDense.Take(Hidden * Inputs), g => g == 0);   // some units are off for every example here
    }

    [Fact]
    public void A_conditional_that_guards_a_read_is_not_selected_on_whole_rows()
    {
        // c < 3 guards data[c + 5], which is out of range for c ≥ 3: both branches for every c would throw.
        Expression<Func<double[], double[], double>> guarded = (w, data) => Enumerable.Range(0, w.Length).Sum(c => c < 3 ? w[c] * data[c + 5] : w[c]);
        double[] w = [0.5, -1, 2, 3, -4, 0.25], data = [1, 2, 3, 4, 5, 6, 7, 8];
        var gradient = new double[w.Length];
        Assert.Equal(guarded.Compile()(w, data), guarded.CompileGradient()(w, data, gradient));
        Assert.Equal([6, 7, 8, 1, 1, 1], gradient);
    }

    private static string DebugView(Expression e) =>
        (string)typeof(Expression).GetProperty("DebugView", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(e)!;
}
