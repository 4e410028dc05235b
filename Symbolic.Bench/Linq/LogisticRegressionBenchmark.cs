using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;
using Symbolic.Optimization;

namespace Symbolic.Bench.Linq;

/// <summary>
/// The negative log-likelihood of logistic regression, <see cref="LinqModels.LogisticNll"/>, over
/// <see cref="Rows"/> rows of <see cref="LinqModels.Features"/> features (X a jagged double[][], y in {0, 1}):
/// value and gradient with respect to w by <see cref="Calculus.CompileGradient{T1, T2}"/> and by the
/// parallel <see cref="BatchGradient{T1, T2}"/>, against hand-written per-row loops (the baseline), two
/// hand-written forms vectorised with <see cref="TensorPrimitives"/> (exp and log over the whole batch on
/// the same X; everything in cache-sized blocks over a column-major copy of X), and the per-row loops
/// split over the cores by hand.
/// </summary>
/// <remarks>
/// Every method returns the loss and writes the gradient into the same buffer; <see cref="GlobalSetup"/>
/// checks that all of them agree before anything is measured.
/// </remarks>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Declared)]
public class LogisticRegressionBenchmark
{
    /// <summary>The number of rows, m.</summary>
    public const int Rows = 100_000;

    private const int D = LinqModels.Features;

    /// <summary>The rows per block of <see cref="HandWrittenTensorPrimitivesColumns"/> (fastest of 1,024 and 4,096 here).</summary>
    private const int Block = 1_024;

    private double[][] _x = [];
    private double[] _y = [];
    private double[] _w = [];
    private double[] _gradient = [];
    private double[] _z = [];
    private double[] _e = [];
    private double[] _t = [];
    private double[][] _columns = [];
    private double[][] _chunkGradients = [];
    private double[] _chunkValues = [];
    private GradientFunc<double[][], double[]> _symbolic = null!;
    private BatchGradient<double[], double> _batch = null!;
    private BatchGradient<double[], double> _batchOneThread = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        (_x, _y) = LinqModels.LogisticData(Rows);
        _w = LinqModels.LogisticWeights();
        _gradient = new double[D + 1];
        (_z, _e, _t) = (new double[Rows], new double[Rows], new double[Rows]);
        _columns = [.. Enumerable.Range(0, D).Select(j => _x.Select(row => row[j]).ToArray())];
        _chunkGradients = [new double[D + 1], new double[D + 1]];
        _chunkValues = new double[2];
        _symbolic = LinqModels.LogisticNll().CompileGradient();
        _batch = LinqModels.LogisticNll().CompileBatchGradient(_x, _y);
        _batchOneThread = LinqModels.LogisticNll().CompileBatchGradient(_x, _y, new BatchGradientOptions { MaxThreads = 1 });

        var expectedValue = HandWrittenPerRow();
        var expected = (double[])_gradient.Clone();
        void Check(string what, double value)
        {
            LinqModels.CheckClose(what + " value", expectedValue, value);
            LinqModels.CheckClose(what + " gradient", expected, _gradient);
        }
        Check("TensorPrimitives", HandWrittenTensorPrimitives());
        Check("TensorPrimitives, columns", HandWrittenTensorPrimitivesColumns());
        Check("Symbolic", SymbolicGradient());
        Check("hand-written parallel", HandWrittenParallel());
        Check("BatchGradient", SymbolicBatchGradient());
        Check("BatchGradient, 1 thread", SymbolicBatchGradientOneThread());
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _batch.Dispose();
        _batchOneThread.Dispose();
    }

    /// <summary>One pass over the rows: zᵢ, exp, log and the gradient row by row.</summary>
    [Benchmark(Baseline = true, Description = "hand-written per-row loop")]
    public double HandWrittenPerRow() => PerRow(_w, _x, _y, 0, _y.Length, _gradient);

    /// <summary>
    /// z = Xw + b row by row, then exp, 1 + e, the sigmoid e/(1 + e), log, the loss and the residuals over
    /// the whole batch with <see cref="TensorPrimitives"/> (vectorised), then Xᵀr row by row.
    /// </summary>
    [Benchmark(Description = "hand-written, TensorPrimitives exp/log over the batch")]
    public double HandWrittenTensorPrimitives()
    {
        var (w, X, y, g) = (_w, _x, _y, _gradient);
        var (z, e, t) = (_z, _e, _t);
        var bias = w[D];
        for (var i = 0; i < X.Length; i++)
        {
            var row = X[i];
            var s = 0.0;
            for (var j = 0; j < D; j++) s += w[j] * row[j];
            z[i] = s + bias;
        }
        TensorPrimitives.Exp(z, e);
        TensorPrimitives.Add(e, 1.0, t);
        TensorPrimitives.Divide(e, t, e);
        TensorPrimitives.Log(t, t);
        var f = TensorPrimitives.Sum<double>(t) - TensorPrimitives.Dot<double>(y, z);
        TensorPrimitives.Subtract(e, y, e);
        Array.Clear(g);
        for (var i = 0; i < X.Length; i++)
        {
            var (row, r) = (X[i], e[i]);
            for (var j = 0; j < D; j++) g[j] += r * row[j];
        }
        g[D] = TensorPrimitives.Sum<double>(e);
        return f;
    }

    /// <summary>
    /// The strongest hand-written form found: X transposed once (in setup, not measured) to one array per
    /// feature, and every stage vectorised with <see cref="TensorPrimitives"/> over blocks of
    /// <see cref="Block"/> rows that stay in cache: z = b + Σⱼ w[j]·colⱼ, exp, log, residuals, g[j] = colⱼ·r.
    /// </summary>
    [Benchmark(Description = "hand-written, TensorPrimitives, column-major X in blocks")]
    public double HandWrittenTensorPrimitivesColumns()
    {
        var (w, columns, y, g) = (_w, _columns, _y, _gradient);
        Array.Clear(g);
        var f = 0.0;
        for (var start = 0; start < y.Length; start += Block)
        {
            var n = Math.Min(Block, y.Length - start);
            Span<double> z = _z.AsSpan(0, n), e = _e.AsSpan(0, n), t = _t.AsSpan(0, n);
            var targets = y.AsSpan(start, n);
            z.Fill(w[D]);
            for (var j = 0; j < D; j++) TensorPrimitives.MultiplyAdd(columns[j].AsSpan(start, n), w[j], z, z);
            TensorPrimitives.Exp(z, e);
            TensorPrimitives.Add(e, 1.0, t);
            TensorPrimitives.Divide(e, t, e);
            TensorPrimitives.Log(t, t);
            f += TensorPrimitives.Sum<double>(t) - TensorPrimitives.Dot<double>(targets, z);
            TensorPrimitives.Subtract(e, targets, e);
            for (var j = 0; j < D; j++) g[j] += TensorPrimitives.Dot<double>(columns[j].AsSpan(start, n), e);
            g[D] += TensorPrimitives.Sum<double>(e);
        }
        return f;
    }

    /// <summary><c>LogisticNll().CompileGradient()</c>, single-threaded.</summary>
    [Benchmark(Description = "Symbolic CompileGradient")]
    public double SymbolicGradient() => _symbolic(_w, _x, _y, _gradient);

    /// <summary>The per-row loop over two halves of the rows on two threads (Parallel.For), combined in order.</summary>
    [Benchmark(Description = "hand-written per-row loop, Parallel.For over 2 halves")]
    public double HandWrittenParallel()
    {
        var (w, X, y) = (_w, _x, _y);
        var half = y.Length / 2;
        Parallel.For(0, 2, c => _chunkValues[c] = PerRow(w, X, y, c == 0 ? 0 : half, c == 0 ? half : y.Length, _chunkGradients[c]));
        var g = _gradient;
        for (var j = 0; j <= D; j++) g[j] = _chunkGradients[0][j] + _chunkGradients[1][j];
        return _chunkValues[0] + _chunkValues[1];
    }

    /// <summary><c>new BatchGradient&lt;double[], double&gt;(LogisticNll(), X, y)</c>: default options (a chunk and a thread per core).</summary>
    [Benchmark(Description = "Symbolic BatchGradient (parallel)")]
    public double SymbolicBatchGradient() => _batch.Evaluate(_w, _gradient);

    /// <summary>The same with MaxThreads = 1: the batch machinery's overhead without parallelism.</summary>
    [Benchmark(Description = "Symbolic BatchGradient, MaxThreads = 1")]
    public double SymbolicBatchGradientOneThread() => _batchOneThread.Evaluate(_w, _gradient);

    /// <summary>Loss and gradient of rows [from, to) into <paramref name="g"/>, as a C# programmer writes them.</summary>
    internal static double PerRow(double[] w, double[][] X, double[] y, int from, int to, double[] g)
    {
        Array.Clear(g);
        var (f, gBias, bias) = (0.0, 0.0, w[D]);
        for (var i = from; i < to; i++)
        {
            var row = X[i];
            var z = 0.0;
            for (var j = 0; j < D; j++) z += w[j] * row[j];
            z += bias;
            var e = Math.Exp(z);
            var yi = y[i];
            f += Math.Log(1 + e) - yi * z;
            var r = e / (1 + e) - yi;
            for (var j = 0; j < D; j++) g[j] += r * row[j];
            gBias += r;
        }
        g[D] = gBias;
        return f;
    }
}
