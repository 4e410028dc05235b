using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Order;
using Symbolic.Bench.Kernels;
using Symbolic.Bench.Models;

namespace Symbolic.Bench.OnePipeline;

/// <summary>
/// Issue 12: what building a gradient costs, for the 784-128-10 MLP in LINQ and for Rosenbrock n = 1,000 written
/// unrolled (about 10,000 expression nodes): <c>CompileGradient</c> on a cache miss, <c>Grad(f).Compile()</c> and
/// <c>GradientExpression(f).Compile()</c>, against <c>f.Compile()</c> of the model itself (each model's baseline).
/// Target: no worse than before the issue (run this class on both commits).
/// </summary>
/// <remarks>
/// <c>CompileGradient</c> caches delegates by structural key, so each call differentiates the model scaled by a
/// constant never used before (<c>k·f</c>, k = 1, 2, 3, …: one multiplication more, a new key); setup checks that
/// two calls do not return the same delegate. Only public API is used, so the class runs unchanged before and
/// after the redesign.
/// </remarks>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Declared)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PipelineCompileTimeBenchmark
{
    private const string Mlp = "MLP 784-128-10", Rosenbrock = "Rosenbrock n = 1,000 unrolled";

    private readonly Expression<Func<double[], double[], double[], double>> _mlp = DenseMlpBaselineBenchmark.LinqModel;
    private Expression<Func<double[], double>> _rosenbrock = null!;
    private double _scale;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _rosenbrock = BackpropagationModels.ChainedRosenbrock(1_000);
        if (ReferenceEquals(MlpCompileGradient(), MlpCompileGradient()) || ReferenceEquals(RosenbrockCompileGradient(), RosenbrockCompileGradient()))
            throw new InvalidOperationException("CompileGradient hit its cache: the benchmark would not measure compilation.");
    }

    private Expression<TDelegate> Scaled<TDelegate>(Expression<TDelegate> f) =>
        Expression.Lambda<TDelegate>(Expression.Multiply(Expression.Constant(++_scale), f.Body), f.Parameters);

    /// <summary>The MLP compiled by .NET (the reference).</summary>
    [Benchmark(Baseline = true, Description = "f.Compile()"), BenchmarkCategory(Mlp)]
    public Delegate MlpCompile() => _mlp.Compile();

    /// <summary><c>CompileGradient</c> of the MLP, a cache miss.</summary>
    [Benchmark(Description = "CompileGradient (cache miss)"), BenchmarkCategory(Mlp)]
    public Delegate MlpCompileGradient() => Scaled(_mlp).CompileGradient();

    /// <summary><c>Grad(mlp).Compile()</c>.</summary>
    [Benchmark(Description = "Grad(f).Compile()"), BenchmarkCategory(Mlp)]
    public Delegate MlpGrad() => _mlp.Grad().Compile();

    /// <summary><c>GradientExpression(mlp).Compile()</c>.</summary>
    [Benchmark(Description = "GradientExpression(f).Compile()"), BenchmarkCategory(Mlp)]
    public Delegate MlpGradientExpression() => _mlp.GradientExpression().Compile();

    /// <summary>Unrolled Rosenbrock compiled by .NET (the reference).</summary>
    [Benchmark(Baseline = true, Description = "f.Compile()"), BenchmarkCategory(Rosenbrock)]
    public Delegate RosenbrockCompile() => _rosenbrock.Compile();

    /// <summary><c>CompileGradient</c> of unrolled Rosenbrock, a cache miss (split into methods when large).</summary>
    [Benchmark(Description = "CompileGradient (cache miss)"), BenchmarkCategory(Rosenbrock)]
    public Delegate RosenbrockCompileGradient() => Scaled(_rosenbrock).CompileGradient();

    /// <summary><c>Grad(f).Compile()</c> of unrolled Rosenbrock.</summary>
    [Benchmark(Description = "Grad(f).Compile()"), BenchmarkCategory(Rosenbrock)]
    public Delegate RosenbrockGrad() => _rosenbrock.Grad().Compile();
}
