using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;
using Symbolic.Kernels;

namespace Symbolic.Bench.Kernels;

/// <summary>
/// One training step's worth of work for a 784-128-10 MLP on a batch of 64: forward pass, mean softmax
/// cross-entropy loss, and the gradient with respect to every parameter, written by hand two ways.
/// </summary>
/// <remarks>
/// <para><b>Model and layout</b> (all arrays <c>double[]</c>, row-major, no padding):</para>
/// <list type="bullet">
/// <item><c>X</c>: <see cref="Batch"/>×<see cref="Inputs"/> (64×784), X[b, i] = X[b·784 + i], random in [0, 1).</item>
/// <item><c>Y</c>: <see cref="Batch"/>×<see cref="Classes"/> (64×10) one-hot labels, Y[b, c] = Y[b·10 + c]; the label of row b is b·7 mod 10.</item>
/// <item><c>W1</c>: <see cref="Hidden"/>×<see cref="Inputs"/> (128×784), <c>b1</c>: 128; <c>W2</c>: <see cref="Classes"/>×<see cref="Hidden"/> (10×128), <c>b2</c>: 10;
/// weights uniform in ±1/√fan-in, biases uniform in ±0.1 (fixed seeds).</item>
/// <item>Forward: Z1 = X·W1ᵀ + b1 (64×128), H = tanh(Z1), Z2 = H·W2ᵀ + b2 (64×10),
/// loss = (1/64) Σ_b [log Σ_c exp(Z2[b, c]) − Σ_c Y[b, c]·Z2[b, c]].</item>
/// <item>Backward: dZ2 = (softmax(Z2) − Y)/64, dW2 = dZ2ᵀ·H, db2 = Σ_b dZ2[b, ·], dH = dZ2·W2,
/// dZ1 = dH ⊙ (1 − H²), dW1 = dZ1ᵀ·X, db1 = Σ_b dZ1[b, ·]. Gradients have the shapes of their parameters.</item>
/// </list>
/// <para>(a) <see cref="TensorPrimitivesOnly"/> uses only <see cref="TensorPrimitives"/>: a Dot per entry of the
/// forward products (rows of X and W1 are both contiguous), scaled row additions (axpy, MultiplyAdd with a
/// scalar) for the backward ones, which need no transposed copies, and TensorPrimitives maps for tanh,
/// softmax and the rest. (b) <see cref="MatrixKernelProducts"/> computes the five products with
/// <see cref="MatrixKernel.Multiply(int, int, int, double[], int, int, int, double[], int, int, int, double[], int, int, int, bool, MatrixKernelOptions)"/>
/// (transposes as strides) and shares every elementwise step with (a); it runs on one thread, and on all
/// cores (or SYMBOLIC_NUM_THREADS) in <see cref="MatrixKernelProductsDefaultThreads"/>. Setup checks that all agree.</para>
/// <para>Warm-up is long because TensorPrimitives' maps run several times slower until tiered compilation
/// has optimised them (checked once with <c>DOTNET_TieredCompilation=0</c>, see docs/benchmarks.md).</para>
/// </remarks>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Method)]
[Config(typeof(ThreadJobs))]
public class DenseMlpBaselineBenchmark
{
    /// <summary>
    /// Two jobs: products on every core (the default), and on one thread (<c>SYMBOLIC_NUM_THREADS=1</c>, which
    /// caps the kernel's default — Symbolic's compiled code and the "default threads" baseline alike).
    /// </summary>
    private sealed class ThreadJobs : BenchmarkDotNet.Configs.ManualConfig
    {
        public ThreadJobs()
        {
            AddJob(Job.Default.WithWarmupCount(15).WithId("all cores"));
            AddJob(Job.Default.WithWarmupCount(15).WithId("one thread")
                .WithEnvironmentVariables(new EnvironmentVariable(MatrixKernelOptions.ThreadsVariable, "1")));
        }
    }

    /// <summary>Examples per batch.</summary>
    public const int Batch = 64;

    /// <summary>Input features (28×28 pixels).</summary>
    public const int Inputs = 784;

    /// <summary>Hidden tanh units.</summary>
    public const int Hidden = 128;

    /// <summary>Output classes.</summary>
    public const int Classes = 10;

    private static readonly MatrixKernelOptions OneThread = MatrixKernelOptions.SingleThreaded;

    /// <summary>Inputs, 64×784.</summary>
    public double[] X { get; } = Uniform(new Random(1), Batch * Inputs, 0, 1);

    /// <summary>One-hot labels, 64×10.</summary>
    public double[] Y { get; } = OneHot();

    /// <summary>First-layer weights, 128×784, and biases, 128.</summary>
    public double[] W1 { get; } = Uniform(new Random(2), Hidden * Inputs, -1 / Math.Sqrt(Inputs), 1 / Math.Sqrt(Inputs));

    /// <inheritdoc cref="W1"/>
    public double[] B1 { get; } = Uniform(new Random(3), Hidden, -0.1, 0.1);

    /// <summary>Second-layer weights, 10×128, and biases, 10.</summary>
    public double[] W2 { get; } = Uniform(new Random(4), Classes * Hidden, -1 / Math.Sqrt(Hidden), 1 / Math.Sqrt(Hidden));

    /// <inheritdoc cref="W2"/>
    public double[] B2 { get; } = Uniform(new Random(5), Classes, -0.1, 0.1);

    /// <summary>The gradients of the last step, in the parameters' shapes.</summary>
    public double[] GradW1 { get; } = new double[Hidden * Inputs];

    /// <inheritdoc cref="GradW1"/>
    public double[] GradB1 { get; } = new double[Hidden];

    /// <inheritdoc cref="GradW1"/>
    public double[] GradW2 { get; } = new double[Classes * Hidden];

    /// <inheritdoc cref="GradW1"/>
    public double[] GradB2 { get; } = new double[Classes];

    // Activations and their adjoints, reused across steps.
    private readonly double[] _z1 = new double[Batch * Hidden], _h = new double[Batch * Hidden], _z2 = new double[Batch * Classes];
    private readonly double[] _dZ2 = new double[Batch * Classes], _dH = new double[Batch * Hidden], _dZ1 = new double[Batch * Hidden];

    [GlobalSetup]
    public void Setup()
    {
        var reference = Snapshot(TensorPrimitivesOnly());
        Compare(reference, SymbolicSnapshot(SymbolicLinq()), nameof(SymbolicLinq));
        Compare(reference, Snapshot(MatrixKernelProducts()), nameof(MatrixKernelProducts));
        Compare(reference, Snapshot(MatrixKernelProductsDefaultThreads()), nameof(MatrixKernelProductsDefaultThreads));
    }

    // The parameters packed as Symbolic models take them: W1 | b1 | W2 | b2.
    private const int OffsetB1 = Hidden * Inputs, OffsetW2 = OffsetB1 + Hidden, OffsetB2 = OffsetW2 + Classes * Hidden, ParameterCount = OffsetB2 + Classes;

    /// <summary>
    /// The same model written in LINQ over the packed parameters and the flat data, as a user would write
    /// it: nested sums of products (recognised as matrix products) and Functions.LogSumExp for the softmax.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<double[], double[], double[], double>> LinqModel = (p, x, y) =>
        Enumerable.Range(0, Batch).Sum(b =>
            Functions.LogSumExp(Enumerable.Range(0, Classes).Select(c =>
                Enumerable.Range(0, Hidden).Sum(j => p[OffsetW2 + c * Hidden + j] * Math.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[j * Inputs + k] * x[b * Inputs + k]) + p[OffsetB1 + j])) + p[OffsetB2 + c]))
            - Enumerable.Range(0, Classes).Sum(c => y[b * Classes + c] *
                (Enumerable.Range(0, Hidden).Sum(j => p[OffsetW2 + c * Hidden + j] * Math.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[j * Inputs + k] * x[b * Inputs + k]) + p[OffsetB1 + j])) + p[OffsetB2 + c])))
        / Batch;

    private readonly GradientFunc<double[], double[]> _symbolic = LinqModel.CompileGradient();
    private double[] _packed = [];
    private readonly double[] _packedGradient = new double[ParameterCount];

    /// <summary>(c) The LINQ model compiled by Symbolic: value and gradient into one packed buffer.</summary>
    [Benchmark(Description = "Symbolic, LINQ model (CompileGradient)")]
    public double SymbolicLinq()
    {
        if (_packed.Length == 0) _packed = [.. W1, .. B1, .. W2, .. B2];
        return _symbolic(_packed, X, Y, _packedGradient);
    }

    private double[][] SymbolicSnapshot(double loss) =>
        [[loss], _packedGradient[..OffsetB1], _packedGradient[OffsetB1..OffsetW2], _packedGradient[OffsetW2..OffsetB2], _packedGradient[OffsetB2..]];

    /// <summary>(a) TensorPrimitives only: Dot per entry forward, axpy rows backward.</summary>
    [Benchmark(Baseline = true, Description = "hand-written, TensorPrimitives only")]
    public double TensorPrimitivesOnly()
    {
        for (var b = 0; b < Batch; b++)
        {
            var x = X.AsSpan(b * Inputs, Inputs);
            for (var j = 0; j < Hidden; j++) _z1[b * Hidden + j] = TensorPrimitives.Dot(x, W1.AsSpan(j * Inputs, Inputs));
        }
        AddBiasAndTanh();
        for (var b = 0; b < Batch; b++)
        {
            var h = _h.AsSpan(b * Hidden, Hidden);
            for (var c = 0; c < Classes; c++) _z2[b * Classes + c] = TensorPrimitives.Dot(h, W2.AsSpan(c * Hidden, Hidden));
        }
        var loss = SoftmaxCrossEntropy();

        // dW2[c, ·] = Σ_b dZ2[b, c]·H[b, ·] and dH[b, ·] = Σ_c dZ2[b, c]·W2[c, ·]: rows scaled and added.
        Array.Clear(GradW2);
        for (var b = 0; b < Batch; b++)
        {
            var h = _h.AsSpan(b * Hidden, Hidden);
            var dH = _dH.AsSpan(b * Hidden, Hidden);
            dH.Clear();
            for (var c = 0; c < Classes; c++)
            {
                var d = _dZ2[b * Classes + c];
                var gradW2 = GradW2.AsSpan(c * Hidden, Hidden);
                TensorPrimitives.MultiplyAdd(h, d, gradW2, gradW2);
                TensorPrimitives.MultiplyAdd(W2.AsSpan(c * Hidden, Hidden), d, dH, dH);
            }
        }
        TanhBackward();

        // dW1[j, ·] = Σ_b dZ1[b, j]·X[b, ·]: each gradient row stays in L1 while the rows of X stream past.
        Array.Clear(GradW1);
        for (var j = 0; j < Hidden; j++)
        {
            var gradW1 = GradW1.AsSpan(j * Inputs, Inputs);
            for (var b = 0; b < Batch; b++)
                TensorPrimitives.MultiplyAdd(X.AsSpan(b * Inputs, Inputs), _dZ1[b * Hidden + j], gradW1, gradW1);
        }
        return loss;
    }

    /// <summary>(b) The five products by MatrixKernel on one thread, the rest as in (a).</summary>
    [Benchmark(Description = "hand-written, MatrixKernel products, 1 thread")]
    public double MatrixKernelProducts() => WithMatrixKernel(OneThread);

    /// <summary>(b) on every core (the kernel's default).</summary>
    [Benchmark(Description = "hand-written, MatrixKernel products, default threads")]
    public double MatrixKernelProductsDefaultThreads() => WithMatrixKernel(MatrixKernelOptions.Default);

    private double WithMatrixKernel(MatrixKernelOptions options)
    {
        // Z1 = X·W1ᵀ (W1ᵀ read in place: row stride 1, column stride 784).
        MatrixKernel.Multiply(Batch, Hidden, Inputs, X, 0, Inputs, 1, W1, 0, 1, Inputs, _z1, 0, Hidden, 1, accumulate: false, options);
        AddBiasAndTanh();
        MatrixKernel.Multiply(Batch, Classes, Hidden, _h, 0, Hidden, 1, W2, 0, 1, Hidden, _z2, 0, Classes, 1, accumulate: false, options);
        var loss = SoftmaxCrossEntropy();
        MatrixKernel.Multiply(Classes, Hidden, Batch, _dZ2, 0, 1, Classes, _h, 0, Hidden, 1, GradW2, 0, Hidden, 1, accumulate: false, options);
        MatrixKernel.Multiply(Batch, Hidden, Classes, _dZ2, 0, Classes, 1, W2, 0, Hidden, 1, _dH, 0, Hidden, 1, accumulate: false, options);
        TanhBackward();
        MatrixKernel.Multiply(Hidden, Inputs, Batch, _dZ1, 0, 1, Hidden, X, 0, Inputs, 1, GradW1, 0, Inputs, 1, accumulate: false, options);
        return loss;
    }

    /// <summary>H = tanh(Z1 + b1) row by row.</summary>
    private void AddBiasAndTanh()
    {
        for (var b = 0; b < Batch; b++)
        {
            var z = _z1.AsSpan(b * Hidden, Hidden);
            TensorPrimitives.Add(z, B1, z);
        }
        TensorPrimitives.Tanh(_z1, _h);
    }

    /// <summary>Adds b2 to Z2; returns the mean loss; dZ2 = (softmax − Y)/Batch; db2 = Σ_b dZ2.</summary>
    private double SoftmaxCrossEntropy()
    {
        var loss = 0.0;
        Span<double> shifted = stackalloc double[Classes];
        Array.Clear(GradB2);
        for (var b = 0; b < Batch; b++)
        {
            var z = _z2.AsSpan(b * Classes, Classes);
            TensorPrimitives.Add(z, B2, z);
            var max = TensorPrimitives.Max(z);
            TensorPrimitives.Subtract(z, max, shifted);
            TensorPrimitives.Exp(shifted, shifted);
            var sum = TensorPrimitives.Sum(shifted);
            var y = Y.AsSpan(b * Classes, Classes);
            loss += Math.Log(sum) + max - TensorPrimitives.Dot(y, z);
            var dZ = _dZ2.AsSpan(b * Classes, Classes);
            TensorPrimitives.Multiply(shifted, 1 / (sum * Batch), dZ);
            TensorPrimitives.MultiplyAdd(y, -1.0 / Batch, dZ, dZ);
            TensorPrimitives.Add(GradB2, dZ, GradB2);
        }
        return loss / Batch;
    }

    /// <summary>dZ1 = dH ⊙ (1 − H²) = dH − H²·dH; db1 = Σ_b dZ1.</summary>
    private void TanhBackward()
    {
        TensorPrimitives.Multiply(_h, _h, _dZ1);
        TensorPrimitives.Multiply(_dZ1, _dH, _dZ1);
        TensorPrimitives.Subtract(_dH, _dZ1, _dZ1);
        Array.Clear(GradB1);
        for (var b = 0; b < Batch; b++) TensorPrimitives.Add(GradB1, _dZ1.AsSpan(b * Hidden, Hidden), GradB1);
    }

    private double[][] Snapshot(double loss) => [[loss], [.. GradW1], [.. GradB1], [.. GradW2], [.. GradB2]];

    private static void Compare(double[][] expected, double[][] actual, string what)
    {
        string[] names = ["loss", "dW1", "db1", "dW2", "db2"];
        for (var part = 0; part < expected.Length; part++)
        {
            var difference = 0.0;
            for (var i = 0; i < expected[part].Length; i++) difference = Math.Max(difference, Math.Abs(expected[part][i] - actual[part][i]));
            if (!(difference <= 1e-12)) throw new InvalidOperationException($"{what}: {names[part]} differs from the TensorPrimitives version by {difference}.");
        }
    }

    private static double[] Uniform(Random random, int count, double low, double high) =>
        [.. Enumerable.Range(0, count).Select(_ => low + (high - low) * random.NextDouble())];

    private static double[] OneHot()
    {
        var y = new double[Batch * Classes];
        for (var b = 0; b < Batch; b++) y[b * Classes + b * 7 % Classes] = 1;
        return y;
    }
}
