using System.Linq.Expressions;
using Symbolic.Pipeline;

namespace Symbolic.Tests.Batch;

/// <summary>
/// Losses with conditionals (Huber, hinge) run in blocks of rows with their conditionals as vectorised
/// selections (<c>CodeGeneration.BlockSelections</c>): the pass dump and the printed source show it; value and
/// gradient match hand-written closed forms over row counts around the block size and every layout; the
/// blocked gradient is deterministic (1 and 2 threads), allocates nothing per warm call; and a conditional whose
/// branch reads memory stays a branch.
/// </summary>
public class BlockSelectionTests
{
    private const int B = 64;

    private static string BlockRows(LambdaExpression f)
    {
        var trace = new PassTrace();
        GradientPasses.Run(Calculus.DefaultContext, f, new GradientPassOptions(RecognizeProducts: true, trace));
        return trace.After("block-rows");
    }

    [Theory]
    [InlineData(RowLayout.Flat)]
    [InlineData(RowLayout.Matrix)]
    [InlineData(RowLayout.Jagged)]
    public void Huber_is_blocked_with_its_conditionals_selected_over_the_block(RowLayout layout)
    {
        var model = RowModels.Model(layout, RowLoss.Huber);

        Assert.Matches(@"^block i < ArrayLength\(y\): 64 rows, selections 2\n$", BlockRows(model));
        var source = Source(layout, model);
        Assert.Contains("global::Symbolic.Runtime.RowMaps.Select(18, block", source);
        // |r|'s derivative, sign(r), is mapped over the block too (op 21), not branched on per row.
        Assert.Contains("global::Symbolic.Runtime.RowMaps.Unary(21, block", source);
        Assert.DoesNotContain("SymbolicMath.Sign", source);
    }

    [Theory]
    [InlineData(RowLayout.Flat)]
    [InlineData(RowLayout.Matrix)]
    [InlineData(RowLayout.Jagged)]
    public void Huber_reads_its_dot_products_and_scatters_its_gradient_once_per_block_around_its_selections(RowLayout layout)
    {
        var source = Source(layout, RowModels.Model(layout, RowLoss.Huber));

        // The block products (third round) and the selections in one block: the dot call before the phases, the
        // selections between them, the scatter call after the phase that computes the rows' factors.
        var dot = source.IndexOf("global::Symbolic.Runtime.RowBlocks.Dot(X, ", StringComparison.Ordinal);
        var select = source.IndexOf("global::Symbolic.Runtime.RowMaps.Select(18, block", StringComparison.Ordinal);
        var scatter = source.IndexOf("global::Symbolic.Runtime.RowBlocks.AddScaled(X, ", StringComparison.Ordinal);
        Assert.True(dot >= 0 && select > dot && scatter > select, source);
        Assert.DoesNotContain("gradient[j] +=", source);
    }

    [Fact]
    public void A_stable_logistic_loss_maps_the_exp_and_log_of_both_branches_and_selects()
    {
        var model = RowModels.Model(RowLayout.Jagged, RowLoss.StableLogistic);

        var source = Source(RowLayout.Jagged, model);

        Assert.Contains("RowMaps.Select(19, block", source);
        Assert.Contains("RowMaps.Unary(2, block", source);
        Assert.Contains("RowMaps.Unary(3, block", source);
    }

    [Fact]
    public void A_hinge_loss_whose_scatter_stays_guarded_by_its_margin_runs_row_by_row()
    {
        // The gradient's scatter is guarded by the margin, a branch per row either way: selections alone do not pay a block.
        Expression<Func<double[], double[], double[], double>> hinge = (w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
            Math.Max(0, 1 - (2 * y[i] - 1) * (Enumerable.Range(0, 4).Sum(j => w[j] * X[i * 4 + j]) + w[4])));
        var (data, y) = RowModels.Data(RowLayout.Flat, 3 * B + 5, 4, seed: 2);
        var X = (double[])data;
        var w = new[] { 0.9, -1.3, 0.5, 1.2, 0.2 };
        var expected = new double[w.Length];
        var value = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            var s = 2 * y[i] - 1;
            var z = w[4] + Enumerable.Range(0, 4).Sum(j => w[j] * X[i * 4 + j]);
            if (1 - s * z <= 0) continue;
            value += 1 - s * z;
            for (var j = 0; j < 4; j++) expected[j] -= s * X[i * 4 + j];
            expected[4] -= s;
        }

        var gradient = new double[w.Length];
        var actual = hinge.CompileGradient()(w, X, y, gradient);

        Assert.DoesNotContain("RowMaps.Select", hinge.ToCSharpGradient());
        Assert.Equal(value, actual, 1e-10);
        for (var k = 0; k < w.Length; k++) Assert.Equal(expected[k], gradient[k], 1e-10);
    }

    public static TheoryData<RowLayout, RowLoss, int> Cases()
    {
        var cases = new TheoryData<RowLayout, RowLoss, int>();
        foreach (var layout in Enum.GetValues<RowLayout>())
            foreach (var loss in new[] { RowLoss.Huber, RowLoss.Hinge })
                foreach (var rows in new[] { 1, B - 1, B, B + 1, 3 * B + 5 })
                    cases.Add(layout, loss, rows);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Huber_and_hinge_match_their_closed_forms_around_multiples_of_the_block(RowLayout layout, RowLoss loss, int rows)
    {
        const int Features = 7;
        var (X, y) = RowModels.Data(layout, rows, Features, seed: rows);
        var random = new Random(rows + 5);
        // Weights large enough that rows fall on both sides of every kink.
        var w = Enumerable.Range(0, Features + 1).Select(_ => 3 * (random.NextDouble() - 0.5)).ToArray();
        double Feature(int i, int j) => X switch { double[] flat => flat[i * Features + j], double[,] m => m[i, j], _ => ((double[][])X)[i][j] };

        var (expected, value, sides) = (new double[w.Length], 0.0, new HashSet<bool>());
        for (var i = 0; i < rows; i++)
        {
            var z = w[Features];
            for (var j = 0; j < Features; j++) z += w[j] * Feature(i, j);
            var (s, r) = (2 * y[i] - 1, z - y[i]);
            // Hinge: 1 − s·z where s·z < 1, slope −s; Huber (δ = 1): r²/2 or |r| − ½, slope clamp(r, −1, 1).
            var inside = loss == RowLoss.Hinge ? s * z < 1 : Math.Abs(r) <= 1;
            sides.Add(inside);
            var (term, slope) = loss == RowLoss.Hinge
                ? (inside ? (1 - s * z, -s) : (0.0, 0.0))
                : (inside ? (0.5 * r * r, r) : (Math.Abs(r) - 0.5, Math.Sign(r)));
            value += term;
            for (var j = 0; j < Features; j++) expected[j] += slope * Feature(i, j);
            expected[Features] += slope;
        }
        if (rows > B) Assert.Equal(2, sides.Count);

        var gradient = new double[w.Length];
        var actual = Evaluate(layout, RowModels.Model(layout, loss), w, X, y, gradient);

        var tolerance = 1e-13 * (1 + rows) * (1 + Math.Abs(value));
        Assert.Equal(value, actual, tolerance);
        for (var k = 0; k < w.Length; k++) Assert.Equal(expected[k], gradient[k], tolerance);
    }

    [Fact]
    public void A_blocked_huber_batch_gradient_is_the_same_on_one_and_two_threads_and_allocates_nothing()
    {
        var model = (Expression<Func<double[], double[][], double[], double>>)RowModels.Model(RowLayout.Jagged, RowLoss.Huber);
        var (data, y) = RowModels.Data(RowLayout.Jagged, 2_000, 10, seed: 4);
        var X = (double[][])data;
        var w = Enumerable.Range(0, 11).Select(j => Math.Sin(j + 1)).ToArray();
        RowLayouts.AssertSameBitsOnOneAndTwoThreads(model, X, y, w);
        RowLayouts.AssertAllocatesNothingWarm(model, X, y, w);
    }

    [Fact]
    public void A_conditional_whose_branch_reads_memory_stays_a_branch()
    {
        // X[i][1] is read only where the row has a second column: evaluating it for every row would throw.
        Expression<Func<double[], double[][], double>> f = (w, X) => Enumerable.Range(0, X.Length).Sum(i =>
            X[i].Length > 1 ? w[0] * X[i][1] * X[i][1] : w[1] * X[i][0]);
        double[][] X = [.. Enumerable.Range(0, 3 * B + 5).Select(i => i % 3 == 0 ? new[] { i * 0.01 } : new[] { i * 0.01, 1 - i * 0.01 })];
        var w = new[] { 0.7, -0.4 };
        var (expected0, expected1) = (X.Where(x => x.Length > 1).Sum(x => x[1] * x[1]), X.Where(x => x.Length == 1).Sum(x => x[0]));

        var gradient = new double[2];
        var value = f.CompileGradient()(w, X, gradient);

        Assert.DoesNotContain("RowMaps.Select", f.ToCSharpGradient());
        Assert.Equal(w[0] * expected0 + w[1] * expected1, value, 1e-12);
        Assert.Equal(expected0, gradient[0], 1e-12);
        Assert.Equal(expected1, gradient[1], 1e-12);
    }

    private static string Source(RowLayout layout, LambdaExpression model) => layout switch
    {
        RowLayout.Flat => ((Expression<Func<double[], double[], double[], double>>)model).ToCSharpGradient(),
        RowLayout.Matrix => ((Expression<Func<double[], double[,], double[], double>>)model).ToCSharpGradient(),
        _ => ((Expression<Func<double[], double[][], double[], double>>)model).ToCSharpGradient(),
    };

    private static double Evaluate(RowLayout layout, LambdaExpression model, double[] w, object X, double[] y, double[] gradient) => layout switch
    {
        RowLayout.Flat => ((Expression<Func<double[], double[], double[], double>>)model).CompileGradient()(w, (double[])X, y, gradient),
        RowLayout.Matrix => ((Expression<Func<double[], double[,], double[], double>>)model).CompileGradient()(w, (double[,])X, y, gradient),
        _ => ((Expression<Func<double[], double[][], double[], double>>)model).CompileGradient()(w, (double[][])X, y, gradient),
    };
}
