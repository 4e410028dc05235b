using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;

namespace Symbolic.Bench.Linq;

/// <summary>
/// Building and compiling the gradients of the LINQ models for <see cref="N"/> data rows: the compiled
/// code's size, hence this time, must not depend on N.
/// </summary>
/// <remarks>
/// <para><see cref="Calculus.CompileGradient{T1, T2}"/> caches delegates by structural key, so every
/// method here builds something the cache has not seen: either it calls the uncached
/// <c>GradientExpression(f).Compile()</c>, or it differentiates a model over data captured in a new
/// closure object (the cache compares closures by reference). Every method also rebuilds the lambda
/// itself (the C# compiler's expression-building code), as a caller does.</para>
/// <para>The data-as-parameters forms do not mention N at all; the captured form reads arrays of N rows
/// through the closure, which is where a data-sized cost could creep in.</para>
/// </remarks>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Declared)]
public class LinqCompileTimeBenchmark
{
    private double[][] _x = [];
    private double[] _y = [];

    /// <summary>The number of data rows (Rosenbrock's dimension is a call-time argument and never enters the expression).</summary>
    [Params(1_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        (_x, _y) = LinqModels.LogisticData(N);
        if (ReferenceEquals(LogisticCapturedCompileGradient(), LogisticCapturedCompileGradient()))
            throw new InvalidOperationException("CompileGradient of a new closure hit the delegate cache: the benchmark would not measure compilation.");
    }

    /// <summary>The logistic loss over captured data compiled as a plain LINQ lambda: the reference for scale.</summary>
    [Benchmark(Baseline = true, Description = "logistic (captured) f.Compile()")]
    public Delegate LogisticCapturedFunctionCompile() => LinqModels.LogisticNllCaptured(_x, _y).Compile();

    /// <summary>Rosenbrock: <c>GradientExpression(f).Compile()</c>.</summary>
    [Benchmark(Description = "Rosenbrock GradientExpression().Compile()")]
    public Delegate RosenbrockGradient() => LinqModels.Rosenbrock().GradientExpression().Compile();

    /// <summary>Logistic loss with X and y as parameters: <c>GradientExpression(f).Compile()</c>.</summary>
    [Benchmark(Description = "logistic (parameters) GradientExpression().Compile()")]
    public Delegate LogisticGradient() => LinqModels.LogisticNll().GradientExpression().Compile();

    /// <summary>Logistic loss over captured X and y of N rows: <c>CompileGradient</c> of a new closure (a cache miss).</summary>
    [Benchmark(Description = "logistic (captured) CompileGradient, new closure")]
    public Delegate LogisticCapturedCompileGradient() => LinqModels.LogisticNllCaptured(_x, _y).CompileGradient();

    /// <summary>Logistic loss over captured X and y of N rows: building the gradient expression only (no Compile).</summary>
    [Benchmark(Description = "logistic (captured) GradientExpression() only")]
    public LambdaExpression LogisticCapturedGradientExpression() => LinqModels.LogisticNllCaptured(_x, _y).GradientExpression();
}
