using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;

namespace Symbolic.Bench.Linq;

/// <summary>
/// Rosenbrock's function in its LINQ form, <see cref="LinqModels.Rosenbrock"/>: the value and gradient
/// compiled by <see cref="Calculus.CompileGradient(Expression{Func{double[], double}})"/> against a
/// hand-written value-and-gradient loop (the baseline), and against the function alone, hand-written and
/// compiled with <see cref="LambdaExpression.Compile()"/>.
/// </summary>
/// <remarks>
/// Every method returns f(x); the gradient methods also write ∇f(x) into the same buffer.
/// <see cref="GlobalSetup"/> checks that all of them agree before anything is measured.
/// </remarks>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Declared)]
public class RosenbrockLinqBenchmark
{
    private double[] _x = [];
    private double[] _gradient = [];
    private GradientFunc _symbolic = null!;
    private Func<double[], double> _compiledFunction = null!;

    /// <summary>The dimension of x.</summary>
    [Params(10, 1_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _x = LinqModels.RosenbrockPoint(N);
        _gradient = new double[N];
        _symbolic = LinqModels.Rosenbrock().CompileGradient();
        _compiledFunction = LinqModels.Rosenbrock().Compile();

        var expectedValue = HandWrittenGradientCarried();
        var expected = (double[])_gradient.Clone();
        void Check(string what, double value)
        {
            LinqModels.CheckClose(what + " value", expectedValue, value);
            LinqModels.CheckClose(what + " gradient", expected, _gradient);
        }
        Check("in-place", HandWrittenGradient());
        Check("Symbolic", SymbolicGradient());
        LinqModels.CheckClose("hand-written function", expectedValue, HandWrittenFunction());
        LinqModels.CheckClose("compiled function", expectedValue, CompiledFunction());
    }

    /// <summary>
    /// The baseline: the same loop with the contribution to g[i + 1] carried in a register to the next
    /// iteration (no read-modify-write of the gradient); the fastest hand-written form measured.
    /// </summary>
    [Benchmark(Baseline = true, Description = "hand-written gradient loop, carried")]
    public double HandWrittenGradientCarried()
    {
        var (x, g) = (_x, _gradient);
        var (f, carry) = (0.0, 0.0);
        for (var i = 0; i < x.Length - 1; i++)
        {
            double xi = x[i], t = x[i + 1] - xi * xi, u = 1 - xi;
            f += 100 * t * t + u * u;
            g[i] = carry - 400 * xi * t - 2 * u;
            carry = 200 * t;
        }
        if (x.Length > 0) g[^1] = carry;
        return f;
    }

    /// <summary>Value and gradient in one loop, each term's two gradient contributions added in place (as Symbolic emits it).</summary>
    [Benchmark(Description = "hand-written gradient loop, in place")]
    public double HandWrittenGradient()
    {
        var (x, g) = (_x, _gradient);
        Array.Clear(g);
        var f = 0.0;
        for (var i = 0; i < x.Length - 1; i++)
        {
            double xi = x[i], t = x[i + 1] - xi * xi, u = 1 - xi;
            f += 100 * t * t + u * u;
            g[i] += -400 * xi * t - 2 * u;
            g[i + 1] += 200 * t;
        }
        return f;
    }

    /// <summary><c>Rosenbrock().CompileGradient()</c>.</summary>
    [Benchmark(Description = "Symbolic CompileGradient")]
    public double SymbolicGradient() => _symbolic(_x, _gradient);

    /// <summary>The function alone, hand-written.</summary>
    [Benchmark(Description = "hand-written function loop")]
    public double HandWrittenFunction()
    {
        var x = _x;
        var f = 0.0;
        for (var i = 0; i < x.Length - 1; i++)
        {
            double xi = x[i], t = x[i + 1] - xi * xi, u = 1 - xi;
            f += 100 * t * t + u * u;
        }
        return f;
    }

    /// <summary>The function alone, <c>Rosenbrock().Compile()</c> (LINQ's Enumerable.Range(…).Sum(…) with Math.Pow).</summary>
    [Benchmark(Description = "f.Compile() (LINQ)")]
    public double CompiledFunction() => _compiledFunction(_x);
}
