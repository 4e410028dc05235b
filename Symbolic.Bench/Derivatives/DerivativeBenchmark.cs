using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;
using Symbolic.Bench.Patterns;

namespace Symbolic.Bench.Derivatives;

/// <summary>
/// Compiled <see cref="Calculus.Diff(Expression{Func{double, double}})"/> of one function against a
/// hand-written derivative, each summed over the same <see cref="PointCount"/> points.
/// </summary>
/// <remarks>
/// <para><see cref="HandWritten"/> (the baseline) and <see cref="SymbolicDiff"/> run the identical loop
/// around a <see cref="Func{T, TResult}"/> call, so the ratio compares the derivative bodies. The
/// hand-written body is a non-capturing lambda (an instance method on the compiler's closure singleton,
/// like the compiled delegate's closure target) marked NoInlining, so that dynamic PGO cannot inline it
/// through guarded devirtualisation — the compiled delegate's dynamic method can never be inlined.</para>
/// <para>Each derived class adds <c>HandWrittenInlined</c>: the same hand-written body written out in the
/// loop, i.e. what an ordinary C# caller gets without any delegate call. Its counterpart
/// <see cref="SymbolicDiffLoop"/> puts the emitted derivative body inside a loop built with the
/// Expression API (<see cref="CompiledSumLoop"/>) and compiles the whole loop, so it too pays no call per point.</para>
/// <para><see cref="GlobalSetup"/> checks that both derivatives agree at every point before anything is
/// measured.</para>
/// </remarks>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Method)]
public abstract class DerivativeBenchmark
{
    /// <summary>How many points each invocation evaluates.</summary>
    public const int PointCount = 1_000;

    private Func<double, double> _symbolic = null!;
    private Func<double, double> _handWritten = null!;
    private Func<double[], double> _symbolicLoop = null!;

    /// <summary><see cref="PointCount"/> evenly spaced points in [-3, 3].</summary>
    protected double[] Points { get; } = [.. Enumerable.Range(0, PointCount).Select(i => -3.0 + 6.0 * i / (PointCount - 1))];

    /// <summary>The function to differentiate.</summary>
    protected abstract Expression<Func<double, double>> Function { get; }

    /// <summary>Its derivative, written by hand the way a competent programmer would.</summary>
    protected abstract Func<double, double> HandWrittenDerivative { get; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _symbolic = Function.Diff().Compile();
        _handWritten = HandWrittenDerivative;
        _symbolicLoop = CompiledSumLoop.Compile(Function.Diff());
        foreach (var x in Points)
        {
            double expected = _handWritten(x), actual = _symbolic(x);
            if (Math.Abs(actual - expected) > 1e-12 * Math.Max(1.0, Math.Abs(expected)))
                throw new InvalidOperationException($"{GetType().Name}: at x = {x:R} Diff gives {actual:R}, the hand-written derivative {expected:R}.");
        }
        double loop = _symbolicLoop(Points), delegates = SymbolicDiff();
        if (loop != delegates) throw new InvalidOperationException($"{GetType().Name}: the compiled loop sums to {loop:R}, the delegate loop to {delegates:R}.");
    }

    [Benchmark(Baseline = true, Description = "Hand-written, via delegate")]
    public double HandWritten()
    {
        var derivative = _handWritten;
        var points = Points;
        var sum = 0.0;
        for (var i = 0; i < points.Length; i++) sum += derivative(points[i]);
        return sum;
    }

    [Benchmark(Description = "Symbolic Diff, compiled")]
    public double SymbolicDiff()
    {
        var derivative = _symbolic;
        var points = Points;
        var sum = 0.0;
        for (var i = 0; i < points.Length; i++) sum += derivative(points[i]);
        return sum;
    }

    [Benchmark(Description = "Symbolic Diff body, compiled loop")]
    public double SymbolicDiffLoop() => _symbolicLoop(Points);
}
