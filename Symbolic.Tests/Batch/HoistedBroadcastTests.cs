using System.Linq.Expressions;

namespace Symbolic.Tests.Batch;

/// <summary>
/// A vector phase reads a value that is the same for every row (<c>w[10]</c>) once per block, broadcast into a local
/// before its vector loop (<c>CodeGeneration.VectorPhase</c>), not once per vector of rows: the printed source shows it;
/// the gradient matches the closed form computed row by row (the scalar rows after the vectors read it as before); and
/// an out-of-range invariant read throws what the row loop throws, whether or not the block has whole vectors.
/// </summary>
public class HoistedBroadcastTests
{
    private static readonly Expression<Func<double[], double[][], double[], double>> Logistic = (w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
        Math.Log(1 + Math.Exp(Enumerable.Range(0, 10).Sum(j => w[j] * X[i][j]) + w[10])) - y[i] * (Enumerable.Range(0, 10).Sum(j => w[j] * X[i][j]) + w[10]));

    [Fact]
    public void The_bias_is_broadcast_once_before_the_vector_loop()
    {
        var source = Logistic.ToCSharpGradient();

        var hoisted = source.IndexOf("invariantLanes = global::System.Runtime.Intrinsics.Vector256.Create(w[10]);", StringComparison.Ordinal);
        var loop = source.IndexOf("t1Lanes = (dotLanes + invariantLanes);", StringComparison.Ordinal);
        Assert.True(hoisted >= 0 && loop > hoisted, source);
        Assert.Equal(1, source.Split("Vector256.Create(w[10])").Length - 1);
        // The scalar rows left after the whole vectors still read it row by row.
        Assert.Contains("t1 = (dot + w[10]);", source);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(130)]
    public void The_gradient_matches_the_closed_form_row_by_row(int m)
    {
        var (data, y) = RowModels.Data(RowLayout.Jagged, m, 10, seed: m);
        var X = (double[][])data;
        var random = new Random(m);
        var w = Enumerable.Range(0, 11).Select(_ => random.NextDouble() - 0.5).ToArray();
        var gradient = new double[11];

        var value = Logistic.CompileGradient()(w, X, y, gradient);

        var (expectedValue, expected) = (0.0, new double[11]);
        for (var r = 0; r < m; r++)
        {
            var z = w[10] + Enumerable.Range(0, 10).Sum(j => w[j] * X[r][j]);
            expectedValue += Math.Log(1 + Math.Exp(z)) - y[r] * z;
            var slope = 1 / (1 + Math.Exp(-z)) - y[r];
            for (var j = 0; j < 10; j++) expected[j] += slope * X[r][j];
            expected[10] += slope;
        }
        Assert.Equal(expectedValue, value, 1e-11 * (1 + m));
        for (var k = 0; k < 11; k++) Assert.Equal(expected[k], gradient[k], 1e-12 * (1 + m));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(64)]
    public void A_weight_vector_too_short_for_the_bias_throws_as_the_row_loop_does(int m)
    {
        var (data, y) = RowModels.Data(RowLayout.Jagged, m, 10, seed: 1);
        var w = new double[10];

        Assert.Throws<IndexOutOfRangeException>(() => Logistic.Compile()(w, (double[][])data, y));
        Assert.Throws<IndexOutOfRangeException>(() => Logistic.CompileGradient()(w, (double[][])data, y, new double[10]));
    }
}
