using System.Linq.Expressions;

namespace Symbolic.Tests.Batch;

/// <summary>
/// A blocked loop's dot products and gradient scatters run once per block (<c>Runtime.RowBlocks</c>), not as a
/// scalar loop per row: the printed source, the gradient against the closed form computed row by row (every
/// layout, d from 1 to 20, row counts around multiples of the block), and a ragged jagged row's clear exception.
/// </summary>
public class BlockProductTests
{
    private const int B = 64;

    private static readonly Expression<Func<double[], double[], double[], double>> Flat = (w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
        Math.Log(1 + Math.Exp(Enumerable.Range(0, 10).Sum(j => w[j] * X[i * 10 + j]) + w[10])) - y[i] * (Enumerable.Range(0, 10).Sum(j => w[j] * X[i * 10 + j]) + w[10]));

    private static readonly Expression<Func<double[], double[,], double[], double>> Matrix = (w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
        Math.Log(1 + Math.Exp(Enumerable.Range(0, 10).Sum(j => w[j] * X[i, j]) + w[10])) - y[i] * (Enumerable.Range(0, 10).Sum(j => w[j] * X[i, j]) + w[10]));

    private static readonly Expression<Func<double[], double[][], double[], double>> Jagged = (w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
        Math.Log(1 + Math.Exp(Enumerable.Range(0, 10).Sum(j => w[j] * X[i][j]) + w[10])) - y[i] * (Enumerable.Range(0, 10).Sum(j => w[j] * X[i][j]) + w[10]));

    public static TheoryData<string> Layouts => ["flat", "matrix", "jagged"];

    [Theory]
    [MemberData(nameof(Layouts))]
    public void A_blocked_logistic_loss_computes_its_dots_and_its_scatter_once_per_block(string layout)
    {
        var source = layout switch { "flat" => Flat.ToCSharpGradient(), "matrix" => Matrix.ToCSharpGradient(), _ => Jagged.ToCSharpGradient() };

        Assert.Contains("global::Symbolic.Runtime.RowBlocks.Dot(X, ", source);
        Assert.Contains("global::Symbolic.Runtime.RowBlocks.AddScaled(X, ", source);
        // No scalar loop over the row's columns is left.
        Assert.DoesNotContain("gradient[j] +=", source);
        Assert.DoesNotContain("(w[j] * X", source);
    }

    [Fact]
    public void A_wide_row_read_by_vectorised_calls_is_computed_once_per_block_too()
    {
        Expression<Func<double[], double[], double[], double>> f = (w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
            Math.Log(1 + Math.Exp(Enumerable.Range(0, 100).Sum(j => w[j] * X[i * 100 + j]) + w[100])) - y[i] * (Enumerable.Range(0, 100).Sum(j => w[j] * X[i * 100 + j]) + w[100]));
        var source = f.ToCSharpGradient();
        var (X, y) = RowModels.Data(RowLayout.Flat, 2 * B + 3, 100, seed: 5);
        var w = Weights(101, seed: 6);
        var gradient = new double[101];

        var value = f.CompileGradient()(w, (double[])X, y, gradient);

        Assert.Contains("RowBlocks.Dot(X, ", source);
        Assert.Contains("RowBlocks.AddScaled(X, ", source);
        Assert.DoesNotContain("RowMaps.AddScaled", source);
        var (expectedValue, expectedGradient) = ClosedForm((r, j) => ((double[])X)[r * 100 + j], y, w);
        Assert.Equal(expectedValue, value, 1e-10);
        Assert.Equal(expectedGradient, gradient, new Tolerance(1e-11));
    }

    public static TheoryData<RowLayout, int, int> Shapes()
    {
        var data = new TheoryData<RowLayout, int, int>();
        foreach (var layout in Enum.GetValues<RowLayout>())
            foreach (var d in new[] { 1, 2, 3, 7, 8, 9, 10, 16, 17, 20 })
                foreach (var m in new[] { 1, B - 1, B, B + 1, 2 * B + 5 })
                    data.Add(layout, d, m);
        return data;
    }

    /// <summary>The test models (<see cref="RowModels"/>) read d from w.Length: the blocked calls take it at run time.</summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_blocked_logistic_gradient_matches_the_closed_form_row_by_row(RowLayout layout, int d, int m)
    {
        var (X, y) = RowModels.Data(layout, m, d, seed: 7 * d + m);
        var w = Weights(d + 1, seed: d);
        var gradient = new double[d + 1];
        var model = RowModels.Model(layout, RowLoss.Logistic);

        var value = RowLayouts.CompileGradient(layout, model)(w, X, y, gradient);

        Func<int, int, double> read = layout switch
        {
            RowLayout.Flat => (r, j) => ((double[])X)[r * d + j],
            RowLayout.Matrix => (r, j) => ((double[,])X)[r, j],
            _ => (r, j) => ((double[][])X)[r][j],
        };
        var (expectedValue, expectedGradient) = ClosedForm(read, y, w);
        Assert.Equal(expectedValue, value, 1e-11 * (1 + m));
        Assert.Equal(expectedGradient, gradient, new Tolerance(1e-12 * (1 + m)));
    }

    /// <summary>
    /// Σ log(1 + e^−z): the gradient's scatter is a negated product, g[j] += −(X[i][j]·c), which the block product
    /// reads as X[i][j]·(−c) (the same bits) — one call per block, not a scalar loop per row.
    /// </summary>
    [Theory]
    [InlineData(RowLayout.Flat, 1)]
    [InlineData(RowLayout.Flat, 2 * B + 5)]
    [InlineData(RowLayout.Matrix, B - 1)]
    [InlineData(RowLayout.Matrix, B + 1)]
    [InlineData(RowLayout.Jagged, B)]
    [InlineData(RowLayout.Jagged, 3 * B + 7)]
    public void A_negated_scatter_runs_once_per_block_and_matches_the_closed_form(RowLayout layout, int m)
    {
        const int d = 10;
        var model = RowModels.Model(layout, (z, _) => Math.Log(1 + Math.Exp(-z)));
        var (X, y) = RowModels.Data(layout, m, d, seed: m);
        var w = Weights(d + 1, seed: 3);
        var gradient = new double[d + 1];

        var value = RowLayouts.CompileGradient(layout, model)(w, X, y, gradient);

        var source = layout switch
        {
            RowLayout.Flat => ((Expression<Func<double[], double[], double[], double>>)model).ToCSharpGradient(),
            RowLayout.Matrix => ((Expression<Func<double[], double[,], double[], double>>)model).ToCSharpGradient(),
            _ => ((Expression<Func<double[], double[][], double[], double>>)model).ToCSharpGradient(),
        };
        Assert.Contains("RowBlocks.AddScaled(X, ", source);
        Assert.DoesNotContain("gradient[j] +=", source);
        Func<int, int, double> read = layout switch
        {
            RowLayout.Flat => (r, j) => ((double[])X)[r * d + j],
            RowLayout.Matrix => (r, j) => ((double[,])X)[r, j],
            _ => (r, j) => ((double[][])X)[r][j],
        };
        var (expectedValue, expectedGradient) = (0.0, new double[d + 1]);
        for (var r = 0; r < m; r++)
        {
            var z = w[d];
            for (var j = 0; j < d; j++) z += w[j] * read(r, j);
            expectedValue += Math.Log(1 + Math.Exp(-z));
            var slope = -1 / (1 + Math.Exp(z));   // d/dz log(1 + e^−z)
            for (var j = 0; j < d; j++) expectedGradient[j] += slope * read(r, j);
            expectedGradient[d] += slope;
        }
        Assert.Equal(expectedValue, value, 1e-11 * (1 + m));
        Assert.Equal(expectedGradient, gradient, new Tolerance(1e-12 * (1 + m)));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void A_warm_call_allocates_nothing_in_every_layout(string layout)
    {
        var (X, y) = RowModels.Data(layout switch { "flat" => RowLayout.Flat, "matrix" => RowLayout.Matrix, _ => RowLayout.Jagged }, 3 * B + 5, 10, seed: 4);
        var w = Weights(11, seed: 5);
        var gradient = new double[11];
        Func<double> call = layout switch
        {
            "flat" => Bind(Flat.CompileGradient(), (double[])X),
            "matrix" => Bind(Matrix.CompileGradient(), (double[,])X),
            _ => Bind(Jagged.CompileGradient(), (double[][])X),
        };
        call();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 10; k++) call();

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        Func<double> Bind<TX>(GradientFunc<TX, double[]> compiled, TX data) => () => compiled(w, data, y, gradient);
    }

    /// <summary>Two dot products over two column ranges of the same row, with offsets into the weights and the row: two scatters in one row body.</summary>
    [Fact]
    public void Two_dot_products_over_parts_of_a_row_match_the_closed_form()
    {
        Expression<Func<double[], double[], double[], double>> f = (w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
            Math.Log(1 + Math.Exp(Enumerable.Range(0, 3).Sum(j => w[j] * X[i * 7 + j]) + Enumerable.Range(0, 4).Sum(j => w[3 + j] * X[i * 7 + 3 + j]) + w[7]))
            - y[i] * (Enumerable.Range(0, 3).Sum(j => w[j] * X[i * 7 + j]) + Enumerable.Range(0, 4).Sum(j => w[3 + j] * X[i * 7 + 3 + j]) + w[7]));
        var (X, y) = RowModels.Data(RowLayout.Flat, 2 * B + 9, 7, seed: 8);
        var w = Weights(8, seed: 9);
        var gradient = new double[8];

        var value = f.CompileGradient()(w, (double[])X, y, gradient);

        // Two dots before the first phase, and the two scatters one after the other after the last (no phase between them).
        var source = f.ToCSharpGradient();
        Assert.Contains("RowBlocks.Dot(X, ((iBlock * 7) + 3), 7, 4, w, 3, block, ", source);
        Assert.Matches(@"RowBlocks\.AddScaled\(X, \(iBlock \* 7\), 7, 3, block, \d+, gradient, 0, iRows\);\s*global::Symbolic\.Runtime\.RowBlocks\.AddScaled\(X, \(\(iBlock \* 7\) \+ 3\), 7, 4, block, \d+, gradient, 3, iRows\)", source);
        var (expectedValue, expectedGradient) = ClosedForm((r, j) => ((double[])X)[r * 7 + j], y, w);
        Assert.Equal(expectedValue, value, 1e-11);
        Assert.Equal(expectedGradient, gradient, new Tolerance(1e-12));
    }

    [Fact]
    public void A_ragged_jagged_row_throws_an_exception_naming_it()
    {
        var (X, y) = RowModels.Data(RowLayout.Jagged, 2 * B, 10, seed: 1);
        var rows = (double[][])X;
        rows[B + 6] = new double[9];

        var e = Assert.Throws<ArgumentException>(() => Jagged.CompileGradient()(Weights(11, seed: 2), rows, y, new double[11]));

        Assert.Contains($"Row {B + 6} of the jagged data has 9 entries; the model reads 10", e.Message);
    }

    /// <summary>Σ log(1 + e^z) − y·z and its gradient, (σ(z) − y)·x and σ(z) − y summed over the rows, one row at a time.</summary>
    private static (double Value, double[] Gradient) ClosedForm(Func<int, int, double> x, double[] y, double[] w)
    {
        var d = w.Length - 1;
        var gradient = new double[w.Length];
        var value = 0.0;
        for (var r = 0; r < y.Length; r++)
        {
            var z = w[d];
            for (var j = 0; j < d; j++) z += w[j] * x(r, j);
            value += Math.Log(1 + Math.Exp(z)) - y[r] * z;
            var c = 1 / (1 + Math.Exp(-z)) - y[r];
            for (var j = 0; j < d; j++) gradient[j] += c * x(r, j);
            gradient[d] += c;
        }
        return (value, gradient);
    }

    private static double[] Weights(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => random.NextDouble() - 0.5)];
    }


    /// <summary>Entries equal within an absolute tolerance.</summary>
    private sealed class Tolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;

        public int GetHashCode(double value) => 0;
    }
}
