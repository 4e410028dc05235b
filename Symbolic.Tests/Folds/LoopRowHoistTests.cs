using System.Linq.Expressions;

namespace Symbolic.Tests.Folds;

/// <summary>
/// A loop-invariant row two levels deep (<c>data[n][t]</c> of a <c>double[][][]</c>) is read once before the loop
/// over its elements (docs/loops-with-state.md, "How a step runs"): read through the printed source; the results
/// against the gradient written out by hand.
/// </summary>
public class LoopRowHoistTests
{
    // Σₙ Σₜ Σₖ w[k]·d[n][t][k]²: ∂/∂w[k] = Σₙ Σₜ d[n][t][k]².
    private static readonly Expression<Func<double[], double[][][], double>> F = (w, d) =>
        Enumerable.Range(0, d.Length).Sum(n => Enumerable.Range(0, d[n].Length).Sum(t => Enumerable.Range(0, 3).Sum(k => w[k] * d[n][t][k] * d[n][t][k])));

    [Fact]
    public void An_invariant_row_of_a_three_level_array_is_read_once_before_the_element_loop_and_the_gradient_is_unchanged()
    {
        var source = F.ToCSharpGradient();
        Assert.Contains("kRow = d[i][j];", source, StringComparison.Ordinal);
        Assert.DoesNotContain("d[i][j][k]", source, StringComparison.Ordinal);

        double[][][] d = [[[1, 2, 3], [0.5, -1, 4]], [], [[2, 0, -3]]];   // a sequence without steps: its loop never reads a row
        double[] w = [0.3, -0.7, 1.1];
        var gradient = new double[3];
        var value = F.CompileGradient()(w, d, gradient);

        var (expectedValue, expected) = (0d, new double[3]);
        foreach (var row in d.SelectMany(s => s))
            for (var k = 0; k < 3; k++) { expectedValue += w[k] * row[k] * row[k]; expected[k] += row[k] * row[k]; }
        Assert.Equal(expectedValue, value, 1e-13);
        for (var k = 0; k < 3; k++) Assert.Equal(expected[k], gradient[k], 1e-13);
    }
}
