using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;
using Symbolic.Kernels;

namespace Symbolic.Bench.Kernels;

/// <summary>
/// The products of a 784-128-10 MLP step on a batch of 64 (see <see cref="DenseMlpBaselineBenchmark"/>), each on
/// one thread and on two, and with the kernel forced to the packed 12×16 Vector512 tile or to the narrow kernel,
/// so the automatic choice and the thread pool can be judged shape by shape.
/// </summary>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Declared)]
public class MatrixProductShapesBenchmark
{
    /// <summary>m×n×k and what the product is in the MLP: transposed operands are read in place.</summary>
    [Params("64x128x784 X·W1ᵀ", "64x784x128 dZ1·W1", "128x784x64 dZ1ᵀ·X", "64x10x128 H·W2ᵀ", "64x10x32 H·W2ᵀ", "10x128x64 dZ2ᵀ·H")]
    public string Shape { get; set; } = "";

    private int _m, _n, _k, _aRow, _aCol, _bRow, _bCol;
    private double[] _a = [], _b = [], _c = [];

    private static readonly MatrixKernelOptions OneThread = new(1), TwoThreads = new(2);
    private static readonly MatrixKernelOptions Packed512 = new(1, MatrixKernelChoice.Vector512), Narrow = new(1, MatrixKernelChoice.Narrow);

    [GlobalSetup]
    public void Setup()
    {
        var sizes = Shape.Split(' ')[0].Split('x').Select(int.Parse).ToArray();
        (_m, _n, _k) = (sizes[0], sizes[1], sizes[2]);
        var name = Shape.Split(' ')[1];
        // A is m×k, B is k×n; "ᵀ" on the left or right operand means it is stored transposed.
        var transposeA = name.Split('·')[0].EndsWith('ᵀ');
        var transposeB = name.Split('·')[1].EndsWith('ᵀ');
        (_aRow, _aCol) = transposeA ? (1, _m) : (_k, 1);
        (_bRow, _bCol) = transposeB ? (1, _k) : (_n, 1);
        var random = new Random(1);
        _a = [.. Enumerable.Range(0, _m * _k).Select(_ => random.NextDouble() - 0.5)];
        _b = [.. Enumerable.Range(0, _k * _n).Select(_ => random.NextDouble() - 0.5)];
        _c = new double[_m * _n];
    }

    /// <summary>The automatic kernel on one thread.</summary>
    [Benchmark(Baseline = true, Description = "auto, 1 thread")]
    public void AutoOneThread() => Run(OneThread);

    /// <summary>The automatic kernel on two threads (products below the parallel threshold stay on one).</summary>
    [Benchmark(Description = "auto, 2 threads")]
    public void AutoTwoThreads() => Run(TwoThreads);

    /// <summary>The packed 12×16 Vector512 kernel, one thread.</summary>
    [Benchmark(Description = "packed 12×16, 1 thread")]
    public void PackedOneThread() => Run(Packed512);

    /// <summary>The narrow kernel (A unpacked, 16-column B panels), one thread.</summary>
    [Benchmark(Description = "narrow, 1 thread")]
    public void NarrowOneThread() => Run(Narrow);

    private void Run(MatrixKernelOptions options) =>
        MatrixKernel.Multiply(_m, _n, _k, _a, 0, _aRow, _aCol, _b, 0, _bRow, _bCol, _c, 0, _n, 1, accumulate: false, options);
}
