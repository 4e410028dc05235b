using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using Symbolic.Bench.Backpropagation;
using Symbolic.Bench.Models;

namespace Symbolic.Bench.Interpretation;

/// <summary>Chained Rosenbrock, n = 10, with constant indexes: interpreted against compiled.</summary>
public class InterpretedRosenbrock : InterpretedGradientBenchmark
{
    private const int N = 10;

    protected override Expression<Func<double[], double>> Function() => BackpropagationModels.ChainedRosenbrock(N);

    protected override double[] Point() => BackpropagationModels.RosenbrockPoint(N);

    protected override double HandWrittenGradient(double[] x, double[] gradient) => RosenbrockGradient.Gradient(x, gradient);

    [Benchmark(Baseline = true, Description = "Hand-written gradient")]
    public double HandWritten() => RosenbrockGradient.Gradient(X, Buffer);
}
