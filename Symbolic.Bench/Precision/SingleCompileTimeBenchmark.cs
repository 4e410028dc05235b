using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;
using Symbolic.Bench.Linq;

namespace Symbolic.Bench.Precision;

/// <summary>
/// Compile time in float against double: the uncached <c>GradientExpression(f).Compile()</c> of the same models
/// written in each precision (Rosenbrock in LINQ, logistic regression over jagged data).
/// </summary>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Declared)]
public class SingleCompileTimeBenchmark
{
    private const int Features = 10;

    /// <summary>Logistic regression over jagged rows in double.</summary>
    public static Expression<Func<double[], double[][], double[], double>> LogisticDouble() => (w, xs, ys) =>
        xs.Zip(ys, (x, y) => Functions.Softplus(-y * Enumerable.Range(0, Features).Sum(j => w[j] * x[j]))).Average();

    /// <summary>The same model in float.</summary>
    public static Expression<Func<float[], float[][], float[], float>> LogisticSingle() => (w, xs, ys) =>
        xs.Zip(ys, (x, y) => FunctionsF.Softplus(-y * Enumerable.Range(0, Features).Sum(j => w[j] * x[j]))).Average();

    /// <summary>Rosenbrock in double: the baseline.</summary>
    [Benchmark(Baseline = true, Description = "Rosenbrock, double")]
    public Delegate RosenbrockDouble() => LinqModels.Rosenbrock().GradientExpression().Compile();

    /// <summary>Rosenbrock in float.</summary>
    [Benchmark(Description = "Rosenbrock, float")]
    public Delegate RosenbrockSingle() => SingleRosenbrockBenchmark.Rosenbrock().GradientExpression().Compile();

    /// <summary>Logistic regression in double.</summary>
    [Benchmark(Description = "logistic, double")]
    public Delegate LogisticDoubleCompile() => LogisticDouble().GradientExpression().Compile();

    /// <summary>Logistic regression in float.</summary>
    [Benchmark(Description = "logistic, float")]
    public Delegate LogisticSingleCompile() => LogisticSingle().GradientExpression().Compile();
}
