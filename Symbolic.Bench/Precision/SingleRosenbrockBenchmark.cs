using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;
using Symbolic.Bench.Linq;

namespace Symbolic.Bench.Precision;

/// <summary>
/// Rosenbrock's function in LINQ, in float: <see cref="SingleCalculus.CompileGradient(Expression{Func{float[], float}})"/>
/// against a hand-written float value-and-gradient loop (the baseline; its value accumulated in double, as the
/// accumulation policy of docs/precision.md does), and against the double gradient of the same LINQ model.
/// </summary>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Declared)]
public class SingleRosenbrockBenchmark
{
    private float[] _x = [];
    private float[] _gradient = [];
    private double[] _xDouble = [];
    private double[] _gradientDouble = [];
    private SingleGradientFunc _symbolic = null!;
    private GradientFunc _symbolicDouble = null!;

    /// <summary>Rosenbrock's function over float[] in LINQ, with MathF.</summary>
    public static Expression<Func<float[], float>> Rosenbrock() =>
        x => Enumerable.Range(0, x.Length - 1).Sum(i => 100 * MathF.Pow(x[i + 1] - x[i] * x[i], 2) + MathF.Pow(1 - x[i], 2));

    /// <summary>The dimension of x.</summary>
    [Params(100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _xDouble = [.. LinqModels.RosenbrockPoint(N).Select(v => (double)(float)v)];
        _x = [.. _xDouble.Select(v => (float)v)];
        (_gradient, _gradientDouble) = (new float[N], new double[N]);
        _symbolic = Rosenbrock().CompileGradient();
        _symbolicDouble = LinqModels.Rosenbrock().CompileGradient();

        var expectedValue = HandWrittenGradient();
        double[] expected = [.. _gradient.Select(g => (double)g)];
        LinqModels.CheckClose("Symbolic float value", expectedValue, SymbolicGradient(), 1e-5);
        LinqModels.CheckClose("Symbolic float gradient", expected, [.. _gradient.Select(g => (double)g)], 1e-5);
        LinqModels.CheckClose("Symbolic double value", expectedValue, SymbolicDoubleGradient(), 1e-5);
    }

    /// <summary>The baseline: one float loop, the contribution to g[i + 1] carried in a register, the value summed in double.</summary>
    [Benchmark(Baseline = true, Description = "hand-written float gradient loop, carried")]
    public double HandWrittenGradient()
    {
        var (x, g) = (_x, _gradient);
        var (f, carry) = (0.0, 0f);
        for (var i = 0; i < x.Length - 1; i++)
        {
            float xi = x[i], t = x[i + 1] - xi * xi, u = 1 - xi;
            f += 100 * t * t + u * u;
            g[i] = carry - 400 * xi * t - 2 * u;
            carry = 200 * t;
        }
        if (x.Length > 0) g[^1] = carry;
        return (float)f;
    }

    /// <summary><c>Rosenbrock().CompileGradient()</c> in float.</summary>
    [Benchmark(Description = "Symbolic CompileGradient, float")]
    public double SymbolicGradient() => _symbolic(_x, _gradient);

    /// <summary>The double LINQ model's <c>CompileGradient()</c>, for comparison.</summary>
    [Benchmark(Description = "Symbolic CompileGradient, double")]
    public double SymbolicDoubleGradient() => _symbolicDouble(_xDouble, _gradientDouble);
}
