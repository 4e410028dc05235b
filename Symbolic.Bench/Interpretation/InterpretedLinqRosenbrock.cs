using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using Symbolic.Bench.Backpropagation;
using Symbolic.Bench.Linq;

namespace Symbolic.Bench.Interpretation;

/// <summary>
/// A small LINQ model: Rosenbrock written as <c>Enumerable.Range(0, x.Length − 1).Sum(...)</c>, n = 10
/// (a loop in the gradient, not an unrolled sum): interpreted against compiled.
/// </summary>
public class InterpretedLinqRosenbrock : InterpretedGradientBenchmark
{
    private const int N = 10;

    protected override Expression<Func<double[], double>> Function() => LinqModels.Rosenbrock();

    protected override double[] Point() => LinqModels.RosenbrockPoint(N);

    protected override double HandWrittenGradient(double[] x, double[] gradient) => RosenbrockGradient.Gradient(x, gradient);

    [Benchmark(Baseline = true, Description = "Hand-written gradient")]
    public double HandWritten() => RosenbrockGradient.Gradient(X, Buffer);
}
