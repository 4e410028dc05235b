using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;

namespace Symbolic.Bench.Batch;

/// <summary>
/// Issue 16: softmax regression over rows of the digits' shape (64 features, 10 classes; random rows,
/// m = <see cref="Rows"/>, flat row-major), value and gradient, one thread: the hand-written per-row loop
/// (baseline), the hand-written blocked form (B × K logits, exp and log over the block with
/// <see cref="TensorPrimitives"/>) and <c>CompileGradient</c> (target ≤ 0.5x per-row).
/// </summary>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Declared)]
public class SoftmaxBatchBenchmark
{
    /// <summary>The rows, m.</summary>
    public const int Rows = 10_000;

    private const int D = 64, K = 10, Block = 64;

    private BatchRows _rows = null!;
    private double[] _w = [], _gradient = [], _z = [], _s = [];
    private GradientFunc<double[], double[]> _symbolic = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _rows = new BatchRows(Rows, D, K);
        _w = BatchRows.Weights(K * D + K, D);
        (_gradient, _z, _s) = (new double[K * D + K], new double[Block * K], new double[Block]);
        _symbolic = BatchModels.Constants(BatchModels.Softmax(D, K)).CompileGradient();
        var value = PerRow();
        var expected = (double[])_gradient.Clone();
        BatchRows.Check("blocked", value, Blocked(), expected, _gradient);
        BatchRows.Check("CompileGradient", value, Symbolic(), expected, _gradient);
    }

    /// <summary>Row by row: K logits, their exponentials and sum, the loss, then G += (p − onehot)·xᵀ.</summary>
    [Benchmark(Baseline = true, Description = "hand-written per-row loop")]
    public double PerRow()
    {
        var (W, X, y, G) = (_w, _rows.Flat, _rows.Y, _gradient);
        Array.Clear(G);
        Span<double> e = stackalloc double[K];
        var f = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            var row = X.AsSpan(i * D, D);
            var (s, label) = (0.0, (int)y[i]);
            for (var k = 0; k < K; k++)
            {
                var z = W[K * D + k];
                for (var j = 0; j < D; j++) z += W[k * D + j] * row[j];
                if (k == label) f -= z;
                s += e[k] = Math.Exp(z);
            }
            f += Math.Log(s);
            for (var k = 0; k < K; k++)
            {
                var p = e[k] / s - (k == label ? 1 : 0);
                for (var j = 0; j < D; j++) G[k * D + j] += p * row[j];
                G[K * D + k] += p;
            }
        }
        return f;
    }

    /// <summary>Blocks of rows: the B × K logits by dot products, exp over the block, the row sums and their logs, then G += Pᵀ·X for the block.</summary>
    [Benchmark(Description = "hand-written blocked (TensorPrimitives)")]
    public double Blocked()
    {
        var (W, X, y, G) = (_w, _rows.Flat, _rows.Y, _gradient);
        Array.Clear(G);
        var f = 0.0;
        for (var start = 0; start < y.Length; start += Block)
        {
            var n = Math.Min(Block, y.Length - start);
            Span<double> z = _z.AsSpan(0, n * K), s = _s.AsSpan(0, n);
            for (var r = 0; r < n; r++)
            {
                var row = X.AsSpan((start + r) * D, D);
                for (var k = 0; k < K; k++) z[r * K + k] = W[K * D + k] + RowKernels.Dot(W.AsSpan(k * D, D), row);
                f -= z[r * K + (int)y[start + r]];
            }
            TensorPrimitives.Exp(z, z);
            for (var r = 0; r < n; r++) s[r] = TensorPrimitives.Sum<double>(z.Slice(r * K, K));
            for (var r = 0; r < n; r++) TensorPrimitives.Divide(z.Slice(r * K, K), s[r], z.Slice(r * K, K));
            TensorPrimitives.Log(s, s);
            f += TensorPrimitives.Sum<double>(s);
            for (var r = 0; r < n; r++)
            {
                z[r * K + (int)y[start + r]] -= 1;
                var row = X.AsSpan((start + r) * D, D);
                for (var k = 0; k < K; k++)
                {
                    var gk = G.AsSpan(k * D, D);
                    RowKernels.AddScaled(row, z[r * K + k], gk);
                    G[K * D + k] += z[r * K + k];
                }
            }
        }
        return f;
    }

    /// <summary><c>CompileGradient</c>, one thread.</summary>
    [Benchmark(Description = "Symbolic CompileGradient")]
    public double Symbolic() => _symbolic(_w, _rows.Flat, _rows.Y, _gradient);
}
