using System.Linq.Expressions;
using Symbolic.Pipeline;
using Symbolic.Tests.Support;

namespace Symbolic.Tests.Batch;

/// <summary>
/// The block-rows pass: which loops it blocks (its pass-trace entry, the printed source), that a blocked loop
/// is deterministic, allocates nothing per call, gives the same bits from every output, and that losses with
/// conditionals (hinge, Huber) match their closed-form gradients.
/// </summary>
public class RowBlockingTests
{
    private static readonly Expression<Func<double[], double[][], double[], double>> Logistic = (w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
        Math.Log(1 + Math.Exp(Enumerable.Range(0, 10).Sum(j => w[j] * X[i][j]) + w[10])) - y[i] * (Enumerable.Range(0, 10).Sum(j => w[j] * X[i][j]) + w[10]));

    private static string BlockRows(LambdaExpression f)
    {
        var trace = new PassTrace();
        GradientPasses.Run(Calculus.DefaultContext, f, new GradientPassOptions(RecognizeProducts: true, trace));
        return trace.After("block-rows");
    }

    private static (double[][] X, double[] y, double[] w) Data(int rows, int seed = 3)
    {
        var (X, y) = RowModels.Data(RowLayout.Jagged, rows, 10, seed);
        var random = new Random(seed + 1);
        return ((double[][])X, y, [.. Enumerable.Range(0, 11).Select(_ => random.NextDouble() - 0.5)]);
    }

    [Fact]
    public void A_logistic_loss_over_a_batch_is_blocked_with_its_exp_and_log_mapped()
    {
        // d = 10 columns a row: blocks of 128 (BlockSizeTests).
        Assert.Matches(@"^block i < ArrayLength\(y\): 128 rows, maps exp log\n$", BlockRows(Logistic));
        Assert.Contains("global::Symbolic.Runtime.RowMaps.Unary(2, block", Logistic.ToCSharpGradient());
        Assert.Contains("global::Symbolic.Runtime.RowMaps.Unary(3, block", Logistic.ToCSharpGradient());
    }

    [Fact]
    public void A_loop_of_three_rows_is_not_blocked()
    {
        Expression<Func<double[], double[][], double>> f = (w, X) => Enumerable.Range(0, 3).Sum(i => Math.Log(1 + Math.Exp(w[0] * X[i][0])));

        Assert.Equal("no loop blocked\n", BlockRows(f));
        Assert.DoesNotContain("RowMaps.Unary", f.ToCSharpGradient());
    }

    [Fact]
    public void A_loss_without_exp_like_functions_or_conditionals_is_not_blocked()
    {
        Expression<Func<double[], double[][], double[], double>> squares = (w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
            (Enumerable.Range(0, 10).Sum(j => w[j] * X[i][j]) - y[i]) * (Enumerable.Range(0, 10).Sum(j => w[j] * X[i][j]) - y[i]));

        Assert.Equal("no loop blocked\n", BlockRows(squares));
    }

    [Fact]
    public void A_blocked_gradient_gives_the_same_bits_from_every_output()
    {
        var (X, y, w) = Data(3 * 64 + 5);
        var (compiled, inspected, source) = (new double[w.Length], new double[w.Length], new double[w.Length]);

        var value = Logistic.CompileGradient()(w, X, y, compiled);
        var inspectedValue = Logistic.GradientExpression().Compile()(w, X, y, inspected);
        var sourceValue = (double)RoslynMethods.Compile(Logistic.ToCSharpGradient("Blocked"))["Blocked"].Invoke(null, [w, X, y, source])!;
        var grad = Logistic.Grad().Compile()(w, X, y);

        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(inspectedValue));
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(sourceValue));
        foreach (var other in new[] { inspected, source, grad })
            Assert.Equal(compiled.Select(BitConverter.DoubleToInt64Bits), other.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void A_blocked_gradient_allocates_nothing_per_call()
    {
        var (X, y, w) = Data(1_000);
        var gradient = new double[w.Length];
        var compiled = Logistic.CompileGradient();
        compiled(w, X, y, gradient);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 10; k++) compiled(w, X, y, gradient);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_batch_gradient_over_blocked_chunks_is_the_same_on_one_and_two_threads()
    {
        var (X, y, w) = Data(2_000);
        RowLayouts.AssertSameBitsOnOneAndTwoThreads(Logistic, X, y, w);
    }

    public static TheoryData<string> LinqForms => ["zip", "select", "where"];

    [Theory]
    [MemberData(nameof(LinqForms))]
    public void Zip_Select_and_Where_forms_match_their_own_evaluation_and_finite_differences(string form)
    {
        Expression<Func<double[], double[][], double[], double>> f = form switch
        {
            "zip" => (w, X, y) => X.Zip(y, (x, t) => Math.Log(1 + Math.Exp(Enumerable.Range(0, 10).Sum(j => w[j] * x[j]) + w[10]))
                - t * (Enumerable.Range(0, 10).Sum(j => w[j] * x[j]) + w[10])).Sum(),
            "select" => (w, X, y) => X.Select((x, i) => Math.Log(1 + Math.Exp(Enumerable.Range(0, 10).Sum(j => w[j] * x[j]) + w[10]))
                - y[i] * (Enumerable.Range(0, 10).Sum(j => w[j] * x[j]) + w[10])).Sum(),
            _ => (w, X, y) => Enumerable.Range(0, y.Length).Where(i => y[i] > 0.5).Sum(i => Math.Tanh(Enumerable.Range(0, 10).Sum(j => w[j] * X[i][j]) + w[10])),
        };
        var (X, y, w) = Data(2 * 64 + 7);
        var gradient = new double[w.Length];
        var model = f.Compile();

        var value = f.CompileGradient()(w, X, y, gradient);

        if (form != "where") Assert.StartsWith("block ", BlockRows(f));
        Assert.Equal(model(w, X, y), value, 1e-11);
        for (var k = 0; k < w.Length; k++)
        {
            const double h = 1e-6;
            var (plus, minus) = ((double[])w.Clone(), (double[])w.Clone());
            plus[k] += h;
            minus[k] -= h;
            Assert.Equal((model(plus, X, y) - model(minus, X, y)) / (2 * h), gradient[k], 1e-6);
        }
    }

    [Theory]
    [InlineData(RowLayout.Flat)]
    [InlineData(RowLayout.Matrix)]
    [InlineData(RowLayout.Jagged)]
    public void Hinge_and_Huber_gradients_match_their_closed_forms(RowLayout layout)
    {
        const int Rows = 150, Features = 4;
        var (X, y) = RowModels.Data(layout, Rows, Features, seed: 9);
        var w = new[] { 0.8, -1.1, 0.6, 1.4, 0.1 };
        double Feature(int i, int j) => X switch { double[] flat => flat[i * Features + j], double[,] m => m[i, j], _ => ((double[][])X)[i][j] };
        double Z(int i) => Enumerable.Range(0, Features).Sum(j => w[j] * Feature(i, j)) + w[Features];

        foreach (var loss in new[] { RowLoss.Hinge, RowLoss.Huber })
        {
            var (expected, value) = (new double[w.Length], 0.0);
            for (var i = 0; i < Rows; i++)
            {
                // Hinge: max(0, 1 − s·z), s = 2y − 1, slope −s where the margin is short; Huber (δ = 1): r²/2 or |r| − ½, slope clamp(r, −1, 1).
                var (s, r) = (2 * y[i] - 1, Z(i) - y[i]);
                var (term, slope) = loss == RowLoss.Hinge
                    ? (s * Z(i) < 1 ? (1 - s * Z(i), -s) : (0.0, 0.0))
                    : (Math.Abs(r) <= 1 ? (0.5 * r * r, r) : (Math.Abs(r) - 0.5, Math.Sign(r)));
                value += term;
                for (var j = 0; j < Features; j++) expected[j] += slope * Feature(i, j);
                expected[Features] += slope;
            }
            var gradient = new double[w.Length];
            var actual = Evaluate(layout, RowModels.Model(layout, loss), w, X, y, gradient);

            Assert.Equal(value, actual, 1e-10);
            for (var k = 0; k < w.Length; k++) Assert.Equal(expected[k], gradient[k], 1e-10);
        }
    }

    private static double Evaluate(RowLayout layout, LambdaExpression model, double[] w, object X, double[] y, double[] gradient) => layout switch
    {
        RowLayout.Flat => ((Expression<Func<double[], double[], double[], double>>)model).CompileGradient()(w, (double[])X, y, gradient),
        RowLayout.Matrix => ((Expression<Func<double[], double[,], double[], double>>)model).CompileGradient()(w, (double[,])X, y, gradient),
        _ => ((Expression<Func<double[], double[][], double[], double>>)model).CompileGradient()(w, (double[][])X, y, gradient),
    };
}
