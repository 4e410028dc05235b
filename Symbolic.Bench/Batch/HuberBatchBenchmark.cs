using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;

namespace Symbolic.Bench.Batch;

/// <summary>
/// Issue 16: Huber regression (δ = 1, d = 10, m = <see cref="Rows"/> flat rows), value and gradient, one
/// thread: the hand-written per-row loop (baseline), the hand-written blocked form (residuals, |r|, the
/// clamp and the loss over the block with <see cref="TensorPrimitives"/>) and <c>CompileGradient</c> (target ≤ 0.5x per-row).
/// </summary>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Declared)]
public class HuberBatchBenchmark
{
    /// <summary>The rows, m.</summary>
    public const int Rows = 100_000;

    private const int D = 10, Block = 128;

    private BatchRows _rows = null!;
    private double[] _w = [], _gradient = [], _scratch = [];
    private GradientFunc<double[], double[]> _symbolic = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _rows = new BatchRows(Rows, D);
        _w = BatchRows.Weights(D + 1, D);
        (_gradient, _scratch) = (new double[D + 1], new double[3 * Block]);
        _symbolic = BatchModels.Constants(BatchModels.Huber(D)).CompileGradient();
        var value = PerRow();
        var expected = (double[])_gradient.Clone();
        BatchRows.Check("blocked", value, Blocked(), expected, _gradient);
        BatchRows.Check("CompileGradient", value, Symbolic(), expected, _gradient);
    }

    /// <summary>Row by row: r = z − y, the loss and slope by a branch, g += slope·x.</summary>
    [Benchmark(Baseline = true, Description = "hand-written per-row loop")]
    public double PerRow()
    {
        var (w, X, y, g) = (_w, _rows.Flat, _rows.Y, _gradient);
        Array.Clear(g);
        var f = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            var row = X.AsSpan(i * D, D);
            var z = w[D];
            for (var j = 0; j < D; j++) z += w[j] * row[j];
            var r = z - y[i];
            double c;
            if (Math.Abs(r) <= 1) (f, c) = (f + 0.5 * r * r, r);
            else (f, c) = (f + Math.Abs(r) - 0.5, Math.Sign(r));
            for (var j = 0; j < D; j++) g[j] += c * row[j];
            g[D] += c;
        }
        return f;
    }

    /// <summary>Blocks of rows: r by dot products, then m = min(|r|, 1), the loss m·(|r| − m/2) and the slope clamp(r, −1, 1) over the block, then g += Σ slope·x.</summary>
    [Benchmark(Description = "hand-written blocked (TensorPrimitives)")]
    public double Blocked()
    {
        var (w, X, y, g) = (_w, _rows.Flat, _rows.Y, _gradient);
        Array.Clear(g);
        var gradient = g.AsSpan(0, D);
        var (f, bias) = (0.0, 0.0);
        for (var start = 0; start < y.Length; start += Block)
        {
            var n = Math.Min(Block, y.Length - start);
            Span<double> r = _scratch.AsSpan(0, n), a = _scratch.AsSpan(Block, n), m = _scratch.AsSpan(2 * Block, n);
            for (var k = 0; k < n; k++) r[k] = w[D] + RowKernels.Dot(w.AsSpan(0, D), X.AsSpan((start + k) * D, D));
            TensorPrimitives.Subtract(r, y.AsSpan(start, n), r);
            TensorPrimitives.Abs(r, a);
            TensorPrimitives.Min(a, 1.0, m);
            TensorPrimitives.MultiplyAdd(m, -0.5, a, a);
            f += TensorPrimitives.Dot(m, a);
            TensorPrimitives.Min(r, 1.0, r);
            TensorPrimitives.Max(r, -1.0, r);
            for (var k = 0; k < n; k++) RowKernels.AddScaled(X.AsSpan((start + k) * D, D), r[k], gradient);
            bias += TensorPrimitives.Sum<double>(r);
        }
        g[D] = bias;
        return f;
    }

    /// <summary><c>CompileGradient</c>, one thread.</summary>
    [Benchmark(Description = "Symbolic CompileGradient")]
    public double Symbolic() => _symbolic(_w, _rows.Flat, _rows.Y, _gradient);
}
