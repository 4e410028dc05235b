using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;
using Symbolic.Kernels;

namespace Symbolic.Bench.Kernels;

/// <summary>
/// The dense-layer kernel: C = A·B for 512×512×512 doubles on one thread and on two, against the measured
/// peak of one core and against hand-written products (a naive i-k-j loop, and rows of A dotted with columns
/// of B through <see cref="TensorPrimitives.Dot(ReadOnlySpan{double}, ReadOnlySpan{double})"/>).
/// </summary>
/// <remarks>
/// <para>The peak is measured, not taken from a data sheet: <see cref="PeakFma"/> and <see cref="PeakFma512"/> run
/// 10 independent fused multiply-add chains (enough to cover FMA latency × throughput) for
/// <see cref="PeakIterations"/> iterations, 2 flops per lane; GFLOP/s = 2·lanes·10·<see cref="PeakIterations"/> / time
/// (lanes = 4 for Vector256, 8 for Vector512). A product's GFLOP/s is 2·512³ / time, and its share of the
/// peak is that over the Vector512 figure, the real peak of a core that runs 512-bit FMAs at full rate.</para>
/// </remarks>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Method)]
public class MatrixProductBenchmark
{
    private const int N = 512;

    /// <summary>Iterations of the peak loop.</summary>
    public const int PeakIterations = 1_000_000;

    private double[] _a = [], _b = [], _bTransposed = [], _c = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _a = [.. Enumerable.Range(0, N * N).Select(_ => random.NextDouble() - 0.5)];
        _b = [.. Enumerable.Range(0, N * N).Select(_ => random.NextDouble() - 0.5)];
        _bTransposed = new double[N * N];
        for (var i = 0; i < N; i++)
            for (var j = 0; j < N; j++) _bTransposed[j * N + i] = _b[i * N + j];
        _c = new double[N * N];
        var expected = new double[N * N];
        NaiveInto(expected);
        foreach (var run in new Action[] { Kernel, KernelTwoThreads, Kernel256 })
        {
            Array.Clear(_c);
            run();
            for (var i = 0; i < expected.Length; i++)
                if (Math.Abs(expected[i] - _c[i]) > 1e-9) throw new InvalidOperationException($"{run.Method.Name} and the naive product differ at {i}: {_c[i]} vs {expected[i]}.");
        }
    }

    /// <summary>The measured peak: 10 independent FMA chains on Vector256 (80 flops per iteration).</summary>
    [Benchmark(Description = "peak: 10 FMA chains × 1e6 (80 Mflop)")]
    public double PeakFma()
    {
        var one = Vector256.Create(1.000000001);
        var step = Vector256.Create(1e-9);
        Vector256<double> c0 = one, c1 = one, c2 = one, c3 = one, c4 = one, c5 = one, c6 = one, c7 = one, c8 = one, c9 = one;
        for (var i = 0; i < PeakIterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, one, step); c1 = Vector256.FusedMultiplyAdd(c1, one, step);
            c2 = Vector256.FusedMultiplyAdd(c2, one, step); c3 = Vector256.FusedMultiplyAdd(c3, one, step);
            c4 = Vector256.FusedMultiplyAdd(c4, one, step); c5 = Vector256.FusedMultiplyAdd(c5, one, step);
            c6 = Vector256.FusedMultiplyAdd(c6, one, step); c7 = Vector256.FusedMultiplyAdd(c7, one, step);
            c8 = Vector256.FusedMultiplyAdd(c8, one, step); c9 = Vector256.FusedMultiplyAdd(c9, one, step);
        }
        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9);
    }

    /// <summary>The same on Vector512 (this CPU has AVX-512): 160 flops per iteration. The honest peak when it is higher.</summary>
    [Benchmark(Description = "peak: 10 FMA chains on Vector512 × 1e6 (160 Mflop)")]
    public double PeakFma512()
    {
        var one = Vector512.Create(1.000000001);
        var step = Vector512.Create(1e-9);
        Vector512<double> c0 = one, c1 = one, c2 = one, c3 = one, c4 = one, c5 = one, c6 = one, c7 = one, c8 = one, c9 = one;
        for (var i = 0; i < PeakIterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, one, step); c1 = Vector512.FusedMultiplyAdd(c1, one, step);
            c2 = Vector512.FusedMultiplyAdd(c2, one, step); c3 = Vector512.FusedMultiplyAdd(c3, one, step);
            c4 = Vector512.FusedMultiplyAdd(c4, one, step); c5 = Vector512.FusedMultiplyAdd(c5, one, step);
            c6 = Vector512.FusedMultiplyAdd(c6, one, step); c7 = Vector512.FusedMultiplyAdd(c7, one, step);
            c8 = Vector512.FusedMultiplyAdd(c8, one, step); c9 = Vector512.FusedMultiplyAdd(c9, one, step);
        }
        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9);
    }

    private static readonly MatrixKernelOptions OneThread = new(1), TwoThreads = new(2);
    private static readonly MatrixKernelOptions OneThread256 = new(1, MatrixKernelChoice.Vector256);

    /// <summary>Symbolic's packed, register-blocked kernel on one thread (the 12×16 Vector512 tile here).</summary>
    [Benchmark(Description = "Symbolic MatrixKernel 512³, 1 thread")]
    public void Kernel() => MatrixKernel.Multiply(N, N, N, _a, 0, N, 1, _b, 0, N, 1, _c, 0, N, 1, accumulate: false, OneThread);

    /// <summary>The same shared with one pool worker.</summary>
    [Benchmark(Description = "Symbolic MatrixKernel 512³, 2 threads")]
    public void KernelTwoThreads() => MatrixKernel.Multiply(N, N, N, _a, 0, N, 1, _b, 0, N, 1, _c, 0, N, 1, accumulate: false, TwoThreads);

    /// <summary>The 4×8 Vector256 kernel (the default without AVX-512) on one thread.</summary>
    [Benchmark(Description = "Symbolic MatrixKernel 512³, Vector256 kernel, 1 thread")]
    public void Kernel256() => MatrixKernel.Multiply(N, N, N, _a, 0, N, 1, _b, 0, N, 1, _c, 0, N, 1, accumulate: false, OneThread256);

    /// <summary>Rows of A dotted with rows of Bᵀ (B transposed once in setup, not timed) by TensorPrimitives.Dot.</summary>
    [Benchmark(Baseline = true, Description = "hand-written, TensorPrimitives.Dot per entry")]
    public void TensorPrimitivesDot()
    {
        for (var i = 0; i < N; i++)
        {
            var row = _a.AsSpan(i * N, N);
            for (var j = 0; j < N; j++) _c[i * N + j] = TensorPrimitives.Dot(row, _bTransposed.AsSpan(j * N, N));
        }
    }

    /// <summary>The naive i-k-j loop (the order the JIT vectorises best without intrinsics).</summary>
    [Benchmark(Description = "hand-written naive i-k-j loop")]
    public void Naive() => NaiveInto(_c);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void NaiveInto(double[] c)
    {
        Array.Clear(c);
        for (var i = 0; i < N; i++)
            for (var p = 0; p < N; p++)
            {
                var aip = _a[i * N + p];
                for (var j = 0; j < N; j++) c[i * N + j] += aip * _b[p * N + j];
            }
    }
}
