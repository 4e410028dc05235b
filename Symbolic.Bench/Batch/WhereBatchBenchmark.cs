using System.Linq.Expressions;
using System.Numerics;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;

namespace Symbolic.Bench.Batch;

/// <summary>
/// Issue 16, a loss under a <c>Where</c> filter: Σ over the rows with y = 1 of log(1 + e^−zᵢ), zᵢ = Σⱼ w[j]·X[i, j] + w[d]
/// (d = 10, m = <see cref="Rows"/>, about half the rows kept), value and gradient, one thread: the hand-written per-row
/// loop over the same layout (baseline: a row the filter excludes is skipped, a kept row computes exp and log once),
/// the hand-written blocked form (every row of a block computed, the filter a vectorised selection) and <c>CompileGradient</c>.
/// </summary>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Declared)]
public class WhereBatchBenchmark
{
    /// <summary>The rows, m.</summary>
    public const int Rows = 100_000;

    private const int D = 10;

    private BatchRows _rows = null!;
    private double[] _w = [], _gradient = [], _scratch = [];
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
        _scratch = new double[3 * LogisticForms.Block];
        _symbolic = Layout switch
        {
            RowSource.Flat => Bind(Flat(D).CompileGradient(), _rows.Flat),
            RowSource.Matrix => Bind(Matrix(D).CompileGradient(), _rows.Matrix),
            _ => Bind(Jagged(D).CompileGradient(), _rows.Jagged),
        };
        var value = PerRow();
        var expected = (double[])_gradient.Clone();
        BatchRows.Check("blocked", value, Blocked(), expected, _gradient);
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

    /// <summary>
    /// Blocked over every row, kept or not (the same kernels as <see cref="LogisticForms.Blocked"/>): z by the block's
    /// dots, exp, e/(1 + e) and log over the block, then the filter as a selection — a row with y ≤ 0.5 adds 0 to the
    /// value and has factor c = 0 — and g += Σᵣ cᵣ·xᵣ once per block.
    /// </summary>
    [Benchmark(Description = "hand-written blocked")]
    public double Blocked() => Layout switch
    {
        RowSource.Flat => Blocked(new FlatRows(_rows.Flat, D)),
        RowSource.Matrix => Blocked(new MatrixRows(_rows.Matrix)),
        _ => Blocked(new JaggedRows(_rows.Jagged)),
    };

    private double Blocked<TRows>(TRows rows) where TRows : struct, IRows
    {
        var (w, y, g) = (_w, _rows.Y, _gradient);
        Array.Clear(g);
        ReadOnlySpan<double> weights = w.AsSpan(0, D);
        var gradient = g.AsSpan(0, D);
        var (f, bias) = (0.0, 0.0);
        const int block = LogisticForms.Block;
        var width = Vector<double>.Count;
        for (var start = 0; start < y.Length; start += block)
        {
            var n = Math.Min(block, y.Length - start);
            Span<double> z = _scratch.AsSpan(0, n), e = _scratch.AsSpan(block, n), t = _scratch.AsSpan(2 * block, n);
            var labels = y.AsSpan(start, n);
            RowKernels.Dots(rows, start, weights, z);
            TensorPrimitives.Add(z, w[D], z);
            TensorPrimitives.Negate(z, z);
            TensorPrimitives.Exp(z, e);
            TensorPrimitives.Add(e, 1.0, t);
            TensorPrimitives.Divide(e, t, e);
            TensorPrimitives.Log(t, t);
            // The filter: the loss kept or 0, the factor −e/(1 + e) or 0 (never a product with the row's flag: ∞·0 is NaN).
            var r = 0;
            for (; r <= n - width; r += width)
            {
                var kept = Vector.GreaterThan(new Vector<double>(labels[r..]), new Vector<double>(0.5));
                Vector.ConditionalSelect(kept, new Vector<double>(t[r..]), Vector<double>.Zero).CopyTo(t[r..]);
                Vector.ConditionalSelect(kept, -new Vector<double>(e[r..]), Vector<double>.Zero).CopyTo(e[r..]);
            }
            for (; r < n; r++) (t[r], e[r]) = labels[r] > 0.5 ? (t[r], -e[r]) : (0.0, 0.0);
            f += TensorPrimitives.Sum<double>(t);
            RowKernels.AddScaledRows(rows, start, e, gradient);
            bias += TensorPrimitives.Sum<double>(e);
        }
        g[D] = bias;
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
