using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;

namespace Symbolic.Bench.Folds;

/// <summary>
/// A fold of 10⁵ steps with a scalar and a 32-wide state: the gradient storing every state ((T + 1) × width doubles for
/// the forward, two rows and the accumulators for the backward sweep, rented once per thread), the gradient with √T
/// checkpoints (<see cref="FoldCheckpointing.SquareRoot"/>: about 2√T × width doubles, each segment recomputed once),
/// and the value alone. Allocation per call is what MemoryDiagnoser shows (the buffers are pooled, reused by every
/// call); the peak memory, the pooled buffers' size, is what a first call on a new thread allocates, printed by GlobalSetup.
/// </summary>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Declared)]
public class LongFoldBenchmark
{
    private const int Steps = 100_000;
    private GradientFunc _scalarGradient = null!, _wideGradient = null!, _scalarCheckpointed = null!, _wideCheckpointed = null!;
    private Func<double[], double> _scalarValue = null!, _wideValue = null!;
    private readonly double[] _scalar = [0.5, 2.0], _scalarBuffer = new double[2];
    private readonly double[] _wide = [.. Enumerable.Range(0, 32).Select(j => 0.1 * Math.Cos(j))], _wideBuffer = new double[32];

    [GlobalSetup]
    public void GlobalSetup()
    {
        _scalarGradient = FoldModels.ScalarDecay(Steps).CompileGradient();
        _scalarCheckpointed = FoldModels.ScalarDecay(Steps).CompileGradient(FoldCheckpointing.SquareRoot);
        _scalarValue = FoldModels.ScalarDecay(Steps).Compile();
        _wideGradient = FoldModels.WideRing(Steps).CompileGradient();
        _wideCheckpointed = FoldModels.WideRing(Steps).CompileGradient(FoldCheckpointing.SquareRoot);
        _wideValue = FoldModels.WideRing(Steps).Compile();
        Console.WriteLine($"// peak memory (pooled buffers, first call on a new thread): scalar every state {FirstCall(_scalarGradient, _scalar):N0} B, "
            + $"scalar √T {FirstCall(_scalarCheckpointed, _scalar):N0} B, 32-wide every state {FirstCall(_wideGradient, _wide):N0} B, 32-wide √T {FirstCall(_wideCheckpointed, _wide):N0} B");
    }

    /// <summary>What the first call on a fresh thread allocates: the pool is per thread, so that is its buffers.</summary>
    private static long FirstCall(GradientFunc gradient, double[] point)
    {
        long allocated = 0;
        var thread = new Thread(() =>
        {
            var buffer = new double[point.Length];
            var before = GC.GetAllocatedBytesForCurrentThread();
            gradient(point, buffer);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        thread.Start();
        thread.Join();
        return allocated;
    }

    [Benchmark(Description = "scalar state, T = 1e5: gradient, every state stored")]
    public double ScalarGradient() => _scalarGradient(_scalar, _scalarBuffer);

    [Benchmark(Description = "scalar state, T = 1e5: gradient, √T checkpoints")]
    public double ScalarCheckpointed() => _scalarCheckpointed(_scalar, _scalarBuffer);

    [Benchmark(Description = "scalar state, T = 1e5: value (LINQ)")]
    public double ScalarValue() => _scalarValue(_scalar);

    [Benchmark(Description = "32-wide state, T = 1e5: gradient, every state stored")]
    public double WideGradient() => _wideGradient(_wide, _wideBuffer);

    [Benchmark(Description = "32-wide state, T = 1e5: gradient, √T checkpoints")]
    public double WideCheckpointed() => _wideCheckpointed(_wide, _wideBuffer);

    [Benchmark(Description = "32-wide state, T = 1e5: value (LINQ)")]
    public double WideValue() => _wideValue(_wide);
}
