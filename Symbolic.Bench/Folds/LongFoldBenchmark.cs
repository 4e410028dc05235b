using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;

namespace Symbolic.Bench.Folds;

/// <summary>
/// A fold of 10⁵ steps with a scalar and a 32-wide state: the gradient (which stores every state, (T + 1) × width doubles
/// for the forward and as many for the backward sweep, rented once per thread) against the value alone. Allocation per
/// call is what MemoryDiagnoser shows; the stored states are a pooled buffer, reused by every call.
/// </summary>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Declared)]
public class LongFoldBenchmark
{
    private const int Steps = 100_000;
    private GradientFunc _scalarGradient = null!, _wideGradient = null!;
    private Func<double[], double> _scalarValue = null!, _wideValue = null!;
    private readonly double[] _scalar = [0.5, 2.0], _scalarBuffer = new double[2];
    private readonly double[] _wide = [.. Enumerable.Range(0, 32).Select(j => 0.1 * Math.Cos(j))], _wideBuffer = new double[32];

    [GlobalSetup]
    public void GlobalSetup()
    {
        _scalarGradient = FoldModels.ScalarDecay(Steps).CompileGradient();
        _scalarValue = FoldModels.ScalarDecay(Steps).Compile();
        _wideGradient = FoldModels.WideRing(Steps).CompileGradient();
        _wideValue = FoldModels.WideRing(Steps).Compile();
    }

    [Benchmark(Description = "scalar state, T = 1e5: gradient")]
    public double ScalarGradient() => _scalarGradient(_scalar, _scalarBuffer);

    [Benchmark(Description = "scalar state, T = 1e5: value (LINQ)")]
    public double ScalarValue() => _scalarValue(_scalar);

    [Benchmark(Description = "32-wide state, T = 1e5: gradient")]
    public double WideGradient() => _wideGradient(_wide, _wideBuffer);

    [Benchmark(Description = "32-wide state, T = 1e5: value (LINQ)")]
    public double WideValue() => _wideValue(_wide);
}
