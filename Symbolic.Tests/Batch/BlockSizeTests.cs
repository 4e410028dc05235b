using System.Linq.Expressions;
using Symbolic.Pipeline;

namespace Symbolic.Tests.Batch;

/// <summary>
/// Rows per block (<c>CodeGeneration.RowBlockRule.RowsFor</c>): a loop whose rows read at most 16 columns, counted
/// from constant column loops, runs in blocks of 128 rows; wide rows, nested loops over more columns and widths read
/// at run time keep blocks of 64. The pass dump and the printed source show the size; the gradient of a 128-row block
/// matches the closed form computed row by row over counts around its multiples in every layout. (The same bits on 1
/// and 2 threads and 0 B per warm call are <c>RowBlockingTests</c>' checks, on a d = 10 model that now takes 128.)
/// </summary>
public class BlockSizeTests
{
    private const int B = 128;

    private static string BlockRows(LambdaExpression f)
    {
        var trace = new PassTrace();
        GradientPasses.Run(Calculus.DefaultContext, f, new GradientPassOptions(RecognizeProducts: true, trace));
        return trace.After("block-rows");
    }

    /// <summary>The logistic loss over d constant columns (the captured d substituted as a literal, as <c>const</c> gives).</summary>
    private static LambdaExpression Logistic(RowLayout layout, int d) => Literal(layout switch
    {
        RowLayout.Flat => (Expression<Func<double[], double[], double[], double>>)((w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
            Math.Log(1 + Math.Exp(Enumerable.Range(0, d).Sum(j => w[j] * X[i * d + j]) + w[d])) - y[i] * (Enumerable.Range(0, d).Sum(j => w[j] * X[i * d + j]) + w[d]))),
        RowLayout.Matrix => (Expression<Func<double[], double[,], double[], double>>)((w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
            Math.Log(1 + Math.Exp(Enumerable.Range(0, d).Sum(j => w[j] * X[i, j]) + w[d])) - y[i] * (Enumerable.Range(0, d).Sum(j => w[j] * X[i, j]) + w[d]))),
        _ => (Expression<Func<double[], double[][], double[], double>>)((w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
            Math.Log(1 + Math.Exp(Enumerable.Range(0, d).Sum(j => w[j] * X[i][j]) + w[d])) - y[i] * (Enumerable.Range(0, d).Sum(j => w[j] * X[i][j]) + w[d]))),
    });

    [Theory]
    [InlineData(RowLayout.Flat)]
    [InlineData(RowLayout.Matrix)]
    [InlineData(RowLayout.Jagged)]
    public void Rows_of_ten_columns_run_in_blocks_of_128(RowLayout layout)
    {
        var model = Logistic(layout, 10);

        Assert.Equal("block i < ArrayLength(y): 128 rows, maps exp log\n", BlockRows(model));
        var source = Source(layout, model);
        Assert.Contains("if ((iRows > 128))", source);
        Assert.Contains("iBlock += 128;", source);
        Assert.DoesNotContain("iRows > 64", source);
    }

    [Theory]
    [InlineData(16, 128)]
    [InlineData(17, 64)]
    [InlineData(100, 64)]
    public void The_block_holds_128_rows_up_to_16_columns_a_row(int d, int rows)
    {
        Assert.Equal($"block i < ArrayLength(y): {rows} rows, maps exp log\n", BlockRows(Logistic(RowLayout.Flat, d)));
    }

    [Fact]
    public void A_width_read_at_run_time_keeps_blocks_of_64()
    {
        Assert.Equal("block i < ArrayLength(y): 64 rows, maps exp log\n", BlockRows(RowModels.Model(RowLayout.Jagged, RowLoss.Logistic)));
    }

    [Fact]
    public void Nested_column_loops_count_every_column_they_read()
    {
        // A soft assignment to 3 centres of 10 features (squared distances: no matrix product to take out of the
        // loop): each row reads 3 · 10 columns, and the Σ over centres 3 more. One centre: 10 + 1.
        const int D = 10;
        Expression<Func<double[], double[], double[], double>> three = (W, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
            Math.Log(Enumerable.Range(0, 3).Sum(k => Math.Exp(-Enumerable.Range(0, D).Sum(j => (X[i * D + j] - W[k * D + j]) * (X[i * D + j] - W[k * D + j]))))));
        Expression<Func<double[], double[], double[], double>> one = (W, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
            Math.Log(Enumerable.Range(0, 1).Sum(k => Math.Exp(-Enumerable.Range(0, D).Sum(j => (X[i * D + j] - W[k * D + j]) * (X[i * D + j] - W[k * D + j]))))));

        Assert.Equal("block i < ArrayLength(y): 64 rows, maps log\n", BlockRows(three));
        Assert.Equal("block i < ArrayLength(y): 128 rows, maps log\n", BlockRows(one));
    }

    public static TheoryData<RowLayout, int, int> Shapes()
    {
        var data = new TheoryData<RowLayout, int, int>();
        foreach (var layout in Enum.GetValues<RowLayout>())
            foreach (var d in new[] { 1, 8, 10, 16 })
                foreach (var m in new[] { 1, B - 1, B, B + 1, 3 * B + 5 })
                    data.Add(layout, d, m);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_block_of_128_rows_matches_the_closed_form_row_by_row(RowLayout layout, int d, int m)
    {
        var (X, y) = RowModels.Data(layout, m, d, seed: 3 * d + m);
        var random = new Random(d);
        var w = Enumerable.Range(0, d + 1).Select(_ => random.NextDouble() - 0.5).ToArray();
        var gradient = new double[d + 1];

        var value = RowLayouts.CompileGradient(layout, Logistic(layout, d))(w, X, y, gradient);

        Func<int, int, double> read = X switch
        {
            double[] flat => (r, j) => flat[r * d + j],
            double[,] matrix => (r, j) => matrix[r, j],
            _ => (r, j) => ((double[][])X)[r][j],
        };
        var (expectedValue, expectedGradient) = (0.0, new double[d + 1]);
        for (var r = 0; r < m; r++)
        {
            var z = w[d];
            for (var j = 0; j < d; j++) z += w[j] * read(r, j);
            expectedValue += Math.Log(1 + Math.Exp(z)) - y[r] * z;
            var slope = 1 / (1 + Math.Exp(-z)) - y[r];   // d/dz (log(1 + e^z) − y·z)
            for (var j = 0; j < d; j++) expectedGradient[j] += slope * read(r, j);
            expectedGradient[d] += slope;
        }
        Assert.Equal(expectedValue, value, 1e-11 * (1 + m));
        for (var k = 0; k <= d; k++) Assert.Equal(expectedGradient[k], gradient[k], 1e-12 * (1 + m));
    }

    private static string Source(RowLayout layout, LambdaExpression model) => layout switch
    {
        RowLayout.Flat => ((Expression<Func<double[], double[], double[], double>>)model).ToCSharpGradient(),
        RowLayout.Matrix => ((Expression<Func<double[], double[,], double[], double>>)model).ToCSharpGradient(),
        _ => ((Expression<Func<double[], double[][], double[], double>>)model).ToCSharpGradient(),
    };

    /// <summary><paramref name="model"/> with its captured ints replaced by their values.</summary>
    private static LambdaExpression Literal(LambdaExpression model) => (LambdaExpression)new CapturedInts().Visit(model);

    private sealed class CapturedInts : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            node is { Type: var t, Expression: ConstantExpression closure, Member: System.Reflection.FieldInfo field } && t == typeof(int)
                ? Expression.Constant(field.GetValue(closure.Value), typeof(int))
                : base.VisitMember(node);
    }
}
