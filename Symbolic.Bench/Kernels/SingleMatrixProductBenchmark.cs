using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;
using Symbolic.Kernels;

namespace Symbolic.Bench.Kernels;

/// <summary>
/// The dense-layer kernel in single precision: C = A·B for 512×512×512 floats on one thread and on two, beside the
/// measured float peak of one core and the double product of the same size (issue 13's target: the float product
/// at ≥ 70 % of the float peak on one thread).
/// </summary>
/// <remarks>
/// The float peak is measured as <see cref="MatrixProductBenchmark.PeakFma512"/> is, on <see cref="Vector512{T}"/>
/// of 16 floats: 10 independent FMA chains × <see cref="MatrixProductBenchmark.PeakIterations"/>, 320 flops per
/// iteration; GFLOP/s = 320·10⁶ / time. A product's GFLOP/s is 2·512³ / time.
/// </remarks>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Method)]
public class SingleMatrixProductBenchmark
{
    private const int N = 512;

    private float[] _a = [], _b = [], _c = [];
    private double[] _aDouble = [], _bDouble = [], _cDouble = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _a = [.. Enumerable.Range(0, N * N).Select(_ => random.NextSingle() - 0.5f)];
        _b = [.. Enumerable.Range(0, N * N).Select(_ => random.NextSingle() - 0.5f)];
        (_aDouble, _bDouble) = (Array.ConvertAll(_a, v => (double)v), Array.ConvertAll(_b, v => (double)v));
        (_c, _cDouble) = (new float[N * N], new double[N * N]);
        KernelDouble();
        foreach (var run in new Action[] { Kernel, KernelTwoThreads, Kernel256 })
        {
            Array.Clear(_c);
            run();
            // The double product of the same floats is exact to 1e-13 here; a float sum of 512 terms of size ≤ ¼ is within 512·ε·128.
            for (var i = 0; i < _c.Length; i++)
                if (Math.Abs(_cDouble[i] - _c[i]) > 512 * 1.2e-7 * 128) throw new InvalidOperationException($"{run.Method.Name} and the double product differ at {i}: {_c[i]} vs {_cDouble[i]}.");
        }
    }

    /// <summary>The measured float peak: 10 independent FMA chains on Vector512 of 16 floats (320 flops per iteration).</summary>
    [Benchmark(Description = "peak: 10 float FMA chains on Vector512 × 1e6 (320 Mflop)")]
    public float PeakFma512Single()
    {
        var one = Vector512.Create(1.0000001f);
        var step = Vector512.Create(1e-7f);
        Vector512<float> c0 = one, c1 = one, c2 = one, c3 = one, c4 = one, c5 = one, c6 = one, c7 = one, c8 = one, c9 = one;
        for (var i = 0; i < MatrixProductBenchmark.PeakIterations; i++)
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

    /// <summary>The float kernel on one thread (the 12×32 Vector512 tile here).</summary>
    [Benchmark(Description = "Symbolic MatrixKernel 512³ float, 1 thread")]
    public void Kernel() => MatrixKernel.Multiply(N, N, N, _a, 0, N, 1, _b, 0, N, 1, _c, 0, N, 1, accumulate: false, OneThread);

    /// <summary>The same shared with one pool worker.</summary>
    [Benchmark(Description = "Symbolic MatrixKernel 512³ float, 2 threads")]
    public void KernelTwoThreads() => MatrixKernel.Multiply(N, N, N, _a, 0, N, 1, _b, 0, N, 1, _c, 0, N, 1, accumulate: false, TwoThreads);

    /// <summary>The 4×16 Vector256 float kernel (the default without AVX-512) on one thread.</summary>
    [Benchmark(Description = "Symbolic MatrixKernel 512³ float, Vector256 kernel, 1 thread")]
    public void Kernel256() => MatrixKernel.Multiply(N, N, N, _a, 0, N, 1, _b, 0, N, 1, _c, 0, N, 1, accumulate: false, OneThread256);

    /// <summary>The double product of the same values on one thread, the baseline float is measured against.</summary>
    [Benchmark(Baseline = true, Description = "Symbolic MatrixKernel 512³ double, 1 thread")]
    public void KernelDouble() => MatrixKernel.Multiply(N, N, N, _aDouble, 0, N, 1, _bDouble, 0, N, 1, _cDouble, 0, N, 1, accumulate: false, OneThread);
}
