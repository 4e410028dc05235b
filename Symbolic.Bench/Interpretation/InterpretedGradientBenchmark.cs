using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;

namespace Symbolic.Bench.Interpretation;

/// <summary>
/// What NativeAOT costs: a gradient evaluated by the expression interpreter
/// (<c>f.GradientExpression().Compile(preferInterpretation: true)</c>, what <c>Compile()</c> falls back to
/// where dynamic code is not supported) against the compiled <see cref="Calculus.CompileGradient"/>
/// delegate, with a hand-written gradient as the baseline (declared in each derived class).
/// </summary>
/// <remarks>
/// Every variant returns f(x) and writes ∇f(x) into the same buffer; <see cref="Setup"/> checks that
/// both Symbolic variants agree with the hand-written gradient before anything is measured.
/// </remarks>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Method)]
public abstract class InterpretedGradientBenchmark
{
    private GradientFunc _compiled = null!;
    private GradientFunc _interpreted = null!;

    /// <summary>The point.</summary>
    protected double[] X { get; private set; } = null!;

    /// <summary>The gradient buffer, shared by every variant.</summary>
    protected double[] Buffer { get; private set; } = null!;

    /// <summary>The model, as handed to Symbolic.</summary>
    protected abstract Expression<Func<double[], double>> Function();

    /// <summary>The point at which everything is evaluated.</summary>
    protected abstract double[] Point();

    /// <summary>The hand-written value and gradient (for the agreement check; the baseline calls it directly).</summary>
    protected abstract double HandWrittenGradient(double[] x, double[] gradient);

    [GlobalSetup]
    public void Setup()
    {
        var f = Function();
        X = Point();
        Buffer = new double[X.Length];
        _compiled = f.CompileGradient();
        _interpreted = f.GradientExpression().Compile(preferInterpretation: true);

        var expected = new double[X.Length];
        var expectedValue = HandWrittenGradient(X, expected);
        Agree("CompileGradient", _compiled, expectedValue, expected);
        Agree("the interpreted gradient", _interpreted, expectedValue, expected);
    }

    private void Agree(string what, GradientFunc gradient, double expectedValue, double[] expected)
    {
        var actual = Enumerable.Repeat(double.NaN, X.Length).ToArray();
        var value = gradient(X, actual);
        var scale = Math.Max(1.0, expected.Max(Math.Abs));
        if (!(Math.Abs(value - expectedValue) <= 1e-10 * Math.Max(1.0, Math.Abs(expectedValue))))
            throw new InvalidOperationException($"{GetType().Name}: {what} gives f = {value:R}, by hand {expectedValue:R}.");
        for (var i = 0; i < X.Length; i++)
            if (!(Math.Abs(actual[i] - expected[i]) <= 1e-10 * scale))
                throw new InvalidOperationException($"{GetType().Name}: {what} gives ∂f/∂x[{i}] = {actual[i]:R}, by hand {expected[i]:R}.");
    }

    [Benchmark(Description = "Compiled (CompileGradient)")]
    public double Compiled() => _compiled(X, Buffer);

    [Benchmark(Description = "Interpreted (preferInterpretation: true)")]
    public double Interpreted() => _interpreted(X, Buffer);
}
