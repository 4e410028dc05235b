using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;
using Symbolic.Bench.Models;

namespace Symbolic.Bench.Backpropagation;

/// <summary>
/// (e) The dense Hessian of chained Rosenbrock, n = 100: <c>Calculus.Hessian(f).Compile()</c>, which
/// returns a new <c>double[n, n]</c> (tridiagonal content), against a hand-written Hessian that allocates
/// the same dense matrix and fills the three diagonals, and against the compiled function.
/// </summary>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Method)]
public class RosenbrockHessian
{
    [Params(100)]
    public int N { get; set; }

    private Func<double[], double[,]> _symbolic = null!;
    private Func<double[], double> _function = null!;
    private GradientFunc _gradient = null!;
    private double[] _x = null!, _buffer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var f = BackpropagationModels.ChainedRosenbrock(N);
        _x = BackpropagationModels.RosenbrockPoint(N);
        _buffer = new double[N];
        _symbolic = f.Hessian().Compile();
        _function = f.Compile();
        _gradient = f.CompileGradient();
        double[,] expected = Hessian(_x), actual = _symbolic(_x);
        for (var i = 0; i < N; i++)
            for (var j = 0; j < N; j++)
                if (!(Math.Abs(actual[i, j] - expected[i, j]) <= 1e-10 * Math.Max(1, Math.Abs(expected[i, j]))))
                    throw new InvalidOperationException($"H[{i},{j}] is {actual[i, j]:R} by Symbolic, {expected[i, j]:R} by hand.");
    }

    [Benchmark(Baseline = true, Description = "Hand-written dense Hessian")]
    public double[,] HandWritten() => Hessian(_x);

    [Benchmark(Description = "Symbolic Hessian(f).Compile()")]
    public double[,] SymbolicHessian() => _symbolic(_x);

    [Benchmark(Description = "f.Compile() (value only)")]
    public double CompiledFunction() => _function(_x);

    [Benchmark(Description = "Symbolic CompileGradient")]
    public double SymbolicGradient() => _gradient(_x, _buffer);

    /// <summary>
    /// Term i adds 1200x[i]² − 400x[i+1] + 2 to H[i,i], 200 to H[i+1,i+1] and −400x[i] to H[i,i+1] and H[i+1,i].
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double[,] Hessian(double[] x)
    {
        var n = x.Length;
        var h = new double[n, n];
        for (var i = 0; i < n - 1; i++)
        {
            var xi = x[i];
            h[i, i] += 1200 * xi * xi - 400 * x[i + 1] + 2;
            h[i + 1, i + 1] = 200;
            h[i, i + 1] = h[i + 1, i] = -400 * xi;
        }
        return h;
    }
}
