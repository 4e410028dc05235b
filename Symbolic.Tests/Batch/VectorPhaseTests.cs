using System.Linq.Expressions;
using System.Runtime.Intrinsics;
using System.Text.RegularExpressions;
using Symbolic.Tests.Support;

namespace Symbolic.Tests.Batch;

/// <summary>
/// The phases of a blocked loop run four rows at a time (<c>CodeGeneration.VectorPhase</c>): the printed source's
/// vector loops, the value and gradient against closed forms computed row by row (every layout, row counts that leave
/// 0 to 3 rows after the last whole vector of a block), the same bits call after call and from the printed source,
/// a data array shorter than the rows throwing as the row loop does, and a phase that does not qualify staying scalar.
/// </summary>
public partial class VectorPhaseTests
{
    private const int B = 64;

    /// <summary>One vectorised phase loop: its count of whole vectors, the block's rows rounded down to a multiple of 4.</summary>
    [GeneratedRegex(@"Vectors(_\d+)? = .*\(iRows & \(-4\)\)")]
    private static partial Regex VectorLoop();

    [GeneratedRegex(@"Vector256\.Sum\(")]
    private static partial Regex VectorSum();

    private static int Count(Regex pattern, string source) => pattern.Matches(source).Count;

    public static TheoryData<RowLayout> Layouts => [RowLayout.Flat, RowLayout.Matrix, RowLayout.Jagged];

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Every_phase_of_a_blocked_logistic_loss_runs_over_vectors_of_rows(RowLayout layout)
    {
        var source = Source(RowModels.Model(layout, RowLoss.Logistic), layout);

        if (!Vector256.IsHardwareAccelerated)
        {
            Assert.DoesNotContain("Vector256", source);
            return;
        }
        // Three phases (around exp and log), each a loop over whole vectors; the value's and the bias's row sums
        // each summed from a vector of partial sums; the targets read four rows at a time.
        Assert.Equal(3, Count(VectorLoop(), source));
        Assert.Equal(2, Count(VectorSum(), source));
        Assert.Contains("Vector256.Create(y, i)", source);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Huber_runs_both_phases_over_vectors_of_rows(RowLayout layout)
    {
        var source = Source(RowModels.Model(layout, RowLoss.Huber), layout);

        if (!Vector256.IsHardwareAccelerated) return;
        Assert.Equal(2, Count(VectorLoop(), source));
        Assert.Equal(2, Count(VectorSum(), source));
        // |r| over four rows at once: the selection's operand.
        Assert.Contains("Vector256.Abs(", source);
    }

    public static TheoryData<RowLayout, int> Shapes()
    {
        var data = new TheoryData<RowLayout, int>();
        foreach (var layout in Enum.GetValues<RowLayout>())
            foreach (var m in new[] { 1, 2, 3, 4, 5, 6, 7, B - 2, B + 2, B + 3, 2 * B + 6, 3 * B + 7 })
                data.Add(layout, m);
        return data;
    }

    /// <summary>Closed forms: Σ log(1 + e^z) − y·z with slope σ(z) − y; Huber's r²/2 or |r| − ½ with slope clamp(r, −1, 1).</summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void Logistic_and_Huber_match_their_closed_forms_whatever_rows_are_left_after_the_vectors(RowLayout layout, int m)
    {
        const int D = 6;
        var (X, y) = RowModels.Data(layout, m, D, seed: 11 * m + (int)layout);
        var random = new Random(m);
        var w = Enumerable.Range(0, D + 1).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double Feature(int i, int j) => X switch { double[] flat => flat[i * D + j], double[,] matrix => matrix[i, j], _ => ((double[][])X)[i][j] };

        foreach (var loss in new[] { RowLoss.Logistic, RowLoss.Huber })
        {
            var (expected, expectedValue, scale) = (new double[D + 1], 0.0, 0.0);
            for (var i = 0; i < m; i++)
            {
                var z = w[D];
                for (var j = 0; j < D; j++) z += w[j] * Feature(i, j);
                var r = z - y[i];
                var (term, slope) = loss == RowLoss.Logistic
                    ? (Math.Log(1 + Math.Exp(z)) - y[i] * z, 1 / (1 + Math.Exp(-z)) - y[i])
                    : (Math.Abs(r) <= 1 ? (0.5 * r * r, r) : (Math.Abs(r) - 0.5, Math.Sign(r)));
                expectedValue += term;
                scale += Math.Abs(term);
                for (var j = 0; j < D; j++) expected[j] += slope * Feature(i, j);
                expected[D] += slope;
            }
            var gradient = new double[D + 1];

            var value = RowLayouts.CompileGradient(layout, RowModels.Model(layout, loss))(w, X, y, gradient);

            Assert.Equal(expectedValue, value, 1e-14 * (1 + m) * (10 + scale));
            for (var k = 0; k <= D; k++) Assert.Equal(expected[k], gradient[k], 1e-13 * (1 + m));
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void A_vectorised_gradient_gives_the_same_bits_call_after_call_and_from_its_printed_source(RowLayout layout)
    {
        var model = RowModels.Model(layout, RowLoss.Logistic);
        var (X, y) = RowModels.Data(layout, 3 * B + 7, 10, seed: 5);
        var w = Enumerable.Range(0, 11).Select(j => 0.3 * Math.Sin(j + 1)).ToArray();
        var (first, second, printed) = (new double[11], new double[11], new double[11]);
        var compiled = RowLayouts.CompileGradient(layout, model);

        var value = compiled(w, X, y, first);
        var again = compiled(w, X, y, second);
        var fromSource = (double)RoslynMethods.Compile(Source(model, layout, "Vectorised"))["Vectorised"].Invoke(null, [w, X, y, printed])!;

        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(again));
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(fromSource));
        Assert.Equal(first.Select(BitConverter.DoubleToInt64Bits), second.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(first.Select(BitConverter.DoubleToInt64Bits), printed.Select(BitConverter.DoubleToInt64Bits));
    }

    /// <summary>Huber over jagged rows in four chunks: its vectorised phases (row sums in lanes, selections) give the same bits on one and two threads, and LINQ's value.</summary>
    [Fact]
    public void A_batch_gradient_over_vectorised_phases_is_the_same_on_one_and_two_threads()
    {
        var model = (Expression<Func<double[], double[][], double[], double>>)RowModels.Model(RowLayout.Jagged, RowLoss.Huber);
        var (data, y) = RowModels.Data(RowLayout.Jagged, 1_000 + 3, 10, seed: 6);
        var X = (double[][])data;
        var w = Enumerable.Range(0, 11).Select(j => 0.4 * Math.Cos(j)).ToArray();
        RowLayouts.AssertSameBitsOnOneAndTwoThreads(model, X, y, w);
    }

    /// <summary>The rows counted from X, the targets two short: the vectors are not read past y; the row loop's exception, as LINQ's own evaluation throws.</summary>
    [Fact]
    public void Targets_shorter_than_the_rows_throw_as_the_row_loop_does()
    {
        Expression<Func<double[], double[][], double[], double>> f = (w, X, y) => Enumerable.Range(0, X.Length).Sum(i =>
            Math.Log(1 + Math.Exp(Enumerable.Range(0, 4).Sum(j => w[j] * X[i][j]) + w[4])) - y[i] * (Enumerable.Range(0, 4).Sum(j => w[j] * X[i][j]) + w[4]));
        var (X, y) = RowModels.Data(RowLayout.Jagged, B + 6, 4, seed: 2);
        var shortTargets = y[..^2];
        var w = new[] { 0.1, -0.2, 0.3, -0.4, 0.5 };

        Assert.Throws<IndexOutOfRangeException>(() => f.Compile()(w, (double[][])X, shortTargets));
        Assert.Throws<IndexOutOfRangeException>(() => f.CompileGradient()(w, (double[][])X, shortTargets, new double[5]));
    }

    /// <summary>The targets read in reverse (y[m − 1 − i]): that phase reads another row than i and stays scalar; the others still run over vectors.</summary>
    [Fact]
    public void A_phase_reading_another_row_stays_scalar_and_the_result_is_unchanged()
    {
        Expression<Func<double[], double[][], double[], double>> f = (w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
            Math.Log(1 + Math.Exp(Enumerable.Range(0, 3).Sum(j => w[j] * X[i][j]) + w[3])) - y[y.Length - 1 - i] * (Enumerable.Range(0, 3).Sum(j => w[j] * X[i][j]) + w[3]));
        const int M = 2 * B + 3;
        var (data, y) = RowModels.Data(RowLayout.Jagged, M, 3, seed: 4);
        var X = (double[][])data;
        var w = new[] { 0.7, -0.3, 0.2, 0.1 };
        var gradient = new double[4];

        var value = f.CompileGradient()(w, X, y, gradient);

        var (expected, expectedValue) = (new double[4], 0.0);
        for (var i = 0; i < M; i++)
        {
            var z = w[0] * X[i][0] + w[1] * X[i][1] + w[2] * X[i][2] + w[3];
            var t = y[M - 1 - i];
            expectedValue += Math.Log(1 + Math.Exp(z)) - t * z;
            var slope = 1 / (1 + Math.Exp(-z)) - t;
            for (var j = 0; j < 3; j++) expected[j] += slope * X[i][j];
            expected[3] += slope;
        }
        Assert.Equal(expectedValue, value, 1e-11);
        for (var k = 0; k < 4; k++) Assert.Equal(expected[k], gradient[k], 1e-12);
        if (Vector256.IsHardwareAccelerated)
        {
            var source = f.ToCSharpGradient();
            Assert.InRange(Count(VectorLoop(), source), 1, 2);
            Assert.DoesNotContain("Vector256.Create(y, ", source);
        }
    }

    private static string Source(LambdaExpression model, RowLayout layout, string name = "ValueAndGradient") => layout switch
    {
        RowLayout.Flat => ((Expression<Func<double[], double[], double[], double>>)model).ToCSharpGradient(name),
        RowLayout.Matrix => ((Expression<Func<double[], double[,], double[], double>>)model).ToCSharpGradient(name),
        _ => ((Expression<Func<double[], double[][], double[], double>>)model).ToCSharpGradient(name),
    };
}
