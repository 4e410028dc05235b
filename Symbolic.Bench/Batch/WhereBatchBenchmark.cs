using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;

namespace Symbolic.Bench.Batch;

/// <summary>
/// Issue 16, a loss under a <c>Where</c> filter: Σ over the rows with y = 1 of log(1 + e^−zᵢ), zᵢ = Σⱼ w[j]·X[i, j] + w[d]
/// (d = 10, m = <see cref="Rows"/>, about half the rows kept), value and gradient, one thread: the hand-written per-row
/// loop over the same layout (baseline: a row the filter excludes is skipped, a kept row computes exp and log once) and
/// <c>CompileGradient</c>. The Where path is not blocked yet, so there is no hand-written blocked form to compare with.
/// </summary>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Declared)]
public class WhereBatchBenchmark
{
    /// <summary>The rows, m.</summary>
    public const int Rows = 100_000;

    private const int D = 10;

    private BatchRows _rows = null!;
    private double[] _w = [], _gradient = [];
    private Func<double> _symbolic = null!;

    /// <summary>The layout of X.</summary>
    [Params(RowSource.Flat, RowSource.Matrix, RowSource.Jagged)]
    public RowSource Layout { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _rows = new BatchRows(Rows, D);
        _w = BatchRows.Weights(D + 1, D);
        _gradient = new double[D + 1];
        _symbolic = Layout switch
        {
            RowSource.Flat => Bind(Flat(D).CompileGradient(), _rows.Flat),
            RowSource.Matrix => Bind(Matrix(D).CompileGradient(), _rows.Matrix),
            _ => Bind(Jagged(D).CompileGradient(), _rows.Jagged),
        };
        var value = PerRow();
        var expected = (double[])_gradient.Clone();
        BatchRows.Check("CompileGradient", value, Symbolic(), expected, _gradient);
    }

    private Func<double> Bind<TX>(GradientFunc<TX, double[]> compiled, TX X) => () => compiled(_w, X, _rows.Y, _gradient);

    /// <summary>Row by row over the layout: skip a row with y ≤ 0.5; else z, e = exp(−z), the loss log(1 + e) and g += c·(x, 1), c = −e/(1 + e).</summary>
    [Benchmark(Baseline = true, Description = "hand-written per-row loop")]
    public double PerRow() => Layout switch
    {
        RowSource.Flat => PerRowFlat(),
        RowSource.Matrix => PerRowMatrix(),
        _ => PerRowJagged(),
    };

    private double PerRowFlat()
    {
        var (w, X, y, g) = (_w, _rows.Flat, _rows.Y, _gradient);
        Array.Clear(g);
        var f = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            if (!(y[i] > 0.5)) continue;
            var row = X.AsSpan(i * D, D);
            var z = w[D];
            for (var j = 0; j < D; j++) z += w[j] * row[j];
            var e = Math.Exp(-z);
            f += Math.Log(1 + e);
            var c = -e / (1 + e);
            for (var j = 0; j < D; j++) g[j] += c * row[j];
            g[D] += c;
        }
        return f;
    }

    private double PerRowMatrix()
    {
        var (w, X, y, g) = (_w, _rows.Matrix, _rows.Y, _gradient);
        Array.Clear(g);
        var f = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            if (!(y[i] > 0.5)) continue;
            var z = w[D];
            for (var j = 0; j < D; j++) z += w[j] * X[i, j];
            var e = Math.Exp(-z);
            f += Math.Log(1 + e);
            var c = -e / (1 + e);
            for (var j = 0; j < D; j++) g[j] += c * X[i, j];
            g[D] += c;
        }
        return f;
    }

    private double PerRowJagged()
    {
        var (w, X, y, g) = (_w, _rows.Jagged, _rows.Y, _gradient);
        Array.Clear(g);
        var f = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            if (!(y[i] > 0.5)) continue;
            var row = X[i];
            var z = w[D];
            for (var j = 0; j < D; j++) z += w[j] * row[j];
            var e = Math.Exp(-z);
            f += Math.Log(1 + e);
            var c = -e / (1 + e);
            for (var j = 0; j < D; j++) g[j] += c * row[j];
            g[D] += c;
        }
        return f;
    }

    /// <summary><c>CompileGradient</c>, one thread.</summary>
    [Benchmark(Description = "Symbolic CompileGradient")]
    public double Symbolic() => _symbolic();

    private static Expression<Func<double[], double[], double[], double>> Flat(int d) => BatchModels.Constants<Func<double[], double[], double[], double>>((w, X, y) =>
        Enumerable.Range(0, y.Length).Where(i => y[i] > 0.5).Sum(i => Math.Log(1 + Math.Exp(-(Enumerable.Range(0, d).Sum(j => w[j] * X[i * d + j]) + w[d])))));

    private static Expression<Func<double[], double[,], double[], double>> Matrix(int d) => BatchModels.Constants<Func<double[], double[,], double[], double>>((w, X, y) =>
        Enumerable.Range(0, y.Length).Where(i => y[i] > 0.5).Sum(i => Math.Log(1 + Math.Exp(-(Enumerable.Range(0, d).Sum(j => w[j] * X[i, j]) + w[d])))));

    private static Expression<Func<double[], double[][], double[], double>> Jagged(int d) => BatchModels.Constants<Func<double[], double[][], double[], double>>((w, X, y) =>
        Enumerable.Range(0, y.Length).Where(i => y[i] > 0.5).Sum(i => Math.Log(1 + Math.Exp(-(Enumerable.Range(0, d).Sum(j => w[j] * X[i][j]) + w[d])))));
}
