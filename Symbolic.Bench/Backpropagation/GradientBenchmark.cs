using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;

namespace Symbolic.Bench.Backpropagation;

/// <summary>
/// One model's value-and-gradient: Symbolic's <see cref="Calculus.CompileGradient"/> delegate against a
/// hand-written gradient (the baseline, declared in each derived class) and against the compiled function.
/// </summary>
/// <remarks>
/// <para>Every variant returns f(x) and writes ∇f(x) into the same preallocated buffer, so the ratio
/// compares like with like. The hand-written gradient is a static method called directly (no delegate),
/// marked NoInlining so that it is not folded into the benchmark method — the compiled delegate can
/// never be inlined either; a direct call is the cheaper of the two, so the baseline is not weakened.</para>
/// <para><see cref="CompiledFunction"/> is <c>f.Compile()</c> on the very expression differentiated: the
/// "gradient / function" figure of the issue is <see cref="SymbolicGradient"/> over it.
/// <see cref="HandWrittenFunction"/> is the function written by hand, for context (the compiled function
/// calls Math.Pow where the models say Math.Pow).</para>
/// <para><see cref="Setup"/> checks that Symbolic and the hand-written code agree, value and gradient,
/// before anything is measured.</para>
/// </remarks>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Method)]
public abstract class GradientBenchmark
{
    private GradientFunc _symbolic = null!;
    private Func<double[], double> _function = null!;

    /// <summary>The point.</summary>
    protected double[] X { get; private set; } = null!;

    /// <summary>The gradient buffer, shared by every variant.</summary>
    protected double[] Buffer { get; private set; } = null!;

    /// <summary>The model, as handed to Symbolic.</summary>
    protected abstract Expression<Func<double[], double>> Function();

    /// <summary>The point at which everything is evaluated.</summary>
    protected abstract double[] Point();

    /// <summary>The hand-written value and gradient (for the agreement check; the baseline benchmark calls it directly).</summary>
    protected abstract double HandWrittenGradient(double[] x, double[] gradient);

    /// <summary>The hand-written function value.</summary>
    protected abstract double HandWrittenValue(double[] x);

    [GlobalSetup]
    public void Setup()
    {
        var f = Function();
        X = Point();
        Buffer = new double[X.Length];
        _symbolic = f.CompileGradient();
        _function = f.Compile();

        var expected = new double[X.Length];
        var expectedValue = HandWrittenGradient(X, expected);
        var actual = Enumerable.Repeat(double.NaN, X.Length).ToArray();
        var actualValue = _symbolic(X, actual);
        Check("CompileGradient value", expectedValue, actualValue);
        Check("f.Compile()", expectedValue, _function(X));
        Check("hand-written function", expectedValue, HandWrittenValue(X));
        var scale = expected.Max(Math.Abs);
        for (var i = 0; i < X.Length; i++)
            if (!(Math.Abs(actual[i] - expected[i]) <= 1e-10 * Math.Max(1.0, scale)))
                throw new InvalidOperationException($"{GetType().Name}: ∂f/∂x[{i}] is {actual[i]:R} by Symbolic, {expected[i]:R} by hand.");
        AfterSetup();
    }

    /// <summary>Extra setup of a derived class, after the agreement check.</summary>
    protected virtual void AfterSetup() { }

    private void Check(string what, double expected, double actual)
    {
        if (!(Math.Abs(actual - expected) <= 1e-10 * Math.Max(1.0, Math.Abs(expected))))
            throw new InvalidOperationException($"{GetType().Name}: {what} gives {actual:R}, the hand-written gradient's value is {expected:R}.");
    }

    [Benchmark(Description = "Symbolic CompileGradient")]
    public double SymbolicGradient() => _symbolic(X, Buffer);

    [Benchmark(Description = "f.Compile() (value only)")]
    public double CompiledFunction() => _function(X);

    [Benchmark(Description = "Hand-written function (value only)")]
    public double HandWrittenFunction() => HandWrittenValue(X);
}
