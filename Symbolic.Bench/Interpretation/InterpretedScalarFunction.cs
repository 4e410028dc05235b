using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using Symbolic.Bench.Backpropagation;
using Symbolic.Bench.Models;

namespace Symbolic.Bench.Interpretation;

/// <summary>f(x, y) = sin(x)·exp(−y²) + log(1 + x²)/(1 + y²): interpreted against compiled.</summary>
public class InterpretedScalarFunction : InterpretedGradientBenchmark
{
    protected override Expression<Func<double[], double>> Function() => BackpropagationModels.ScalarFunction;

    protected override double[] Point() => [0.7, -0.4];

    protected override double HandWrittenGradient(double[] x, double[] gradient) => ScalarFunctionGradient.Gradient(x, gradient);

    [Benchmark(Baseline = true, Description = "Hand-written gradient")]
    public double HandWritten() => ScalarFunctionGradient.Gradient(X, Buffer);
}
