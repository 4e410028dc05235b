using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Symbolic.Bench.Models;

namespace Symbolic.Bench.Backpropagation;

/// <summary>
/// (a) Chained Rosenbrock written with constant indexes, n = 10, 100, 1000:
/// f = Σᵢ 100·(x[i+1] − x[i]²)² + (1 − x[i])². Symbolic differentiates the unrolled expression; the
/// hand-written gradient is one loop.
/// </summary>
public class RosenbrockGradient : GradientBenchmark
{
    [Params(10, 100, 1000)]
    public int N { get; set; }

    protected override Expression<Func<double[], double>> Function() => BackpropagationModels.ChainedRosenbrock(N);

    protected override double[] Point() => BackpropagationModels.RosenbrockPoint(N);

    protected override double HandWrittenGradient(double[] x, double[] gradient) => Gradient(x, gradient);

    protected override double HandWrittenValue(double[] x) => Value(x);

    [Benchmark(Baseline = true, Description = "Hand-written gradient")]
    public double HandWritten() => Gradient(X, Buffer);

    /// <summary>
    /// Value and gradient in one pass: term i contributes −400·x[i]·d − 2·e to ∂f/∂x[i] and 200·d to
    /// ∂f/∂x[i+1] (d = x[i+1] − x[i]², e = 1 − x[i]); the latter is carried in a register to the next step.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double Gradient(double[] x, double[] gradient)
    {
        var n = x.Length;
        if (gradient.Length != n) throw new ArgumentException("The gradient buffer must have x.Length entries.", nameof(gradient));
        double value = 0, carried = 0;
        var current = x[0];
        for (var i = 0; i < n - 1; i++)
        {
            var next = x[i + 1];
            double d = next - current * current, e = 1 - current;
            value += 100 * d * d + e * e;
            gradient[i] = carried - 400 * current * d - 2 * e;
            carried = 200 * d;
            current = next;
        }
        gradient[n - 1] = carried;
        return value;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double Value(double[] x)
    {
        var value = 0.0;
        for (var i = 0; i < x.Length - 1; i++)
        {
            double d = x[i + 1] - x[i] * x[i], e = 1 - x[i];
            value += 100 * d * d + e * e;
        }
        return value;
    }
}
