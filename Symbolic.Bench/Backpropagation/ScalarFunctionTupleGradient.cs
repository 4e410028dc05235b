using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;
using Symbolic.Bench.Models;

namespace Symbolic.Bench.Backpropagation;

/// <summary>
/// (b′) The same f(x, y) = sin(x)·exp(−y²) + log(1 + x²)/(1 + y²), as a function of two doubles:
/// the tuple gradient <c>Grad(f).Compile()</c> (no value, no buffer) against the hand-written tuple.
/// </summary>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Method)]
public class ScalarFunctionTupleGradient
{
    private Func<double, double, (double, double)> _symbolic = null!;
    private Func<double, double, double> _function = null!;
    private readonly double _x = 0.7, _y = -0.4;

    [GlobalSetup]
    public void Setup()
    {
        _symbolic = BackpropagationModels.ScalarFunctionOfTwo.Grad().Compile();
        _function = BackpropagationModels.ScalarFunctionOfTwo.Compile();
        var (ex, ey) = Gradient(_x, _y);
        var (ax, ay) = _symbolic(_x, _y);
        if (!(Math.Abs(ax - ex) <= 1e-12 && Math.Abs(ay - ey) <= 1e-12))
            throw new InvalidOperationException($"Grad gives ({ax:R}, {ay:R}), the hand-written gradient ({ex:R}, {ey:R}).");
    }

    [Benchmark(Baseline = true, Description = "Hand-written gradient (tuple)")]
    public (double, double) HandWritten() => Gradient(_x, _y);

    [Benchmark(Description = "Symbolic Grad().Compile() (tuple)")]
    public (double, double) SymbolicGrad() => _symbolic(_x, _y);

    [Benchmark(Description = "f.Compile() (value only)")]
    public double CompiledFunction() => _function(_x, _y);

    /// <summary>∂f/∂x = cos(x)·e + 2x·r/(1 + x²), ∂f/∂y = −2y·(sin(x)·e + log(1 + x²)·r²), e = exp(−y²), r = 1/(1 + y²).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static (double, double) Gradient(double x, double y)
    {
        var (s, c) = Math.SinCos(x);
        double e = Math.Exp(-(y * y)), q = 1 + x * x, r = 1 / (1 + y * y);
        return (c * e + 2 * x * r / q, -2 * y * (s * e + Math.Log(q) * r * r));
    }
}
