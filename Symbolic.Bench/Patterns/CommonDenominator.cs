using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;
using static System.Linq.Expressions.Expression;

namespace Symbolic.Bench.Patterns;

/// <summary>
/// Isolates one pattern of the emitted code: derivatives of quotients come out as a sum of quotients,
/// <c>a/d - b/d²</c> or <c>a/d - b/d</c>, two divisions where a programmer writes one,
/// <c>(a·d - b)/d²</c> or <c>(a - b)/d</c>. Division is the slowest arithmetic instruction, so this
/// shows when nothing else hides it: every variant is an expression tree compiled inside the same
/// summing loop (<see cref="CompiledSumLoop"/>), no call per point.
/// </summary>
/// <remarks>
/// "Emitted, one division" is the DebugView of <c>Diff(f)</c> with only the quotients put over their
/// common denominator; the other statements are unchanged. Setup checks all three agree.
/// </remarks>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Method)]
public class CommonDenominator
{
    private readonly double[] _points = [.. Enumerable.Range(0, 1_000).Select(i => -3.0 + 6.0 * i / 999)];
    private Func<double[], double> _handWritten = null!, _symbolic = null!, _oneDivision = null!;

    [Params("Rational", "Atan2Conditional")]
    public string Function { get; set; } = "";

    [GlobalSetup]
    public void GlobalSetup()
    {
        var (f, handWritten, oneDivision) = Function == "Rational" ? Rational() : Atan2Conditional();
        _handWritten = CompiledSumLoop.Compile(handWritten);
        _symbolic = CompiledSumLoop.Compile(f.Diff());
        _oneDivision = CompiledSumLoop.Compile(oneDivision);
        double expected = _handWritten(_points), actual = _symbolic(_points), rewritten = _oneDivision(_points);
        if (Math.Abs(actual - expected) > 1e-9 * Math.Abs(expected) || Math.Abs(rewritten - expected) > 1e-9 * Math.Abs(expected))
            throw new InvalidOperationException($"{Function}: sums differ: hand-written {expected:R}, Diff {actual:R}, one division {rewritten:R}.");
    }

    [Benchmark(Baseline = true, Description = "Hand-written, compiled loop")]
    public double HandWritten() => _handWritten(_points);

    [Benchmark(Description = "Symbolic Diff body, compiled loop")]
    public double SymbolicDiff() => _symbolic(_points);

    [Benchmark(Description = "Emitted, one division, compiled loop")]
    public double EmittedOneDivision() => _oneDivision(_points);

    private static Expression C(double value) => Constant(value);

    /// <summary><c>{ var v = value; body(v) }</c>.</summary>
    private static BlockExpression Let(Expression value, Func<ParameterExpression, Expression> body)
    {
        var v = Variable(typeof(double));
        return Block([v], Assign(v, value), body(v));
    }

    private static (Expression<Func<double, double>>, Expression<Func<double, double>>, Expression<Func<double, double>>) Rational()
    {
        var x = Parameter(typeof(double), "x");
        // x2 = x·x; d = x2·x2 + 1; ((2x - 3)·d - (x2 - 3x + 1)·(4·x·x2)) / (d·d)
        var handWritten = Let(Multiply(x, x), x2 => Let(Add(Multiply(x2, x2), C(1)), d =>
            Divide(
                Subtract(Multiply(Subtract(Multiply(C(2), x), C(3)), d), Multiply(Add(Subtract(x2, Multiply(C(3), x)), C(1)), Multiply(Multiply(C(4), x), x2))),
                Multiply(d, d))));
        // Diff emits t1 = (x·x)² + 1; (2x - 3)/t1 - 4·x·x·x·(x·x - 3x + 1)/(t1·t1). Over one denominator:
        var oneDivision = Let(Add(Let(Multiply(x, x), sq => Multiply(sq, sq)), C(1)), t1 =>
            Divide(
                Subtract(Multiply(Subtract(Multiply(C(2), x), C(3)), t1), Multiply(Multiply(Multiply(Multiply(C(4), x), x), x), Add(Subtract(Multiply(x, x), Multiply(C(3), x)), C(1)))),
                Multiply(t1, t1)));
        return (v => (v * v - 3 * v + 1) / (v * v * v * v + 1), Lambda<Func<double, double>>(handWritten, x), Lambda<Func<double, double>>(oneDivision, x));
    }

    private static (Expression<Func<double, double>>, Expression<Func<double, double>>, Expression<Func<double, double>>) Atan2Conditional()
    {
        var x = Parameter(typeof(double), "x");
        var exp = typeof(Math).GetMethod(nameof(Math.Exp))!;
        // x > 0 ? { z = 1 + x·x; (z - 2·x·x) / (x·x + z·z) } : (1 + x)·eˣ
        var handWritten = Condition(GreaterThan(x, C(0)),
            Let(Add(C(1), Multiply(x, x)), z => Divide(Subtract(z, Multiply(Multiply(C(2), x), x)), Add(Multiply(x, x), Multiply(z, z)))),
            Multiply(Add(C(1), x), Call(exp, x)));
        // Diff emits t2 = x·x; t3 = t2 + 1; t4 = t3·t3 + t2; t3/t4 - 2·t2/t4 (else t1 = eˣ; t1 + x·t1). Over one denominator:
        var oneDivision = Condition(GreaterThan(x, C(0)),
            Let(Multiply(x, x), t2 => Let(Add(t2, C(1)), t3 => Let(Add(Multiply(t3, t3), t2), t4 =>
                Divide(Subtract(t3, Multiply(C(2), t2)), t4)))),
            Let(Call(exp, x), t1 => Add(t1, Multiply(x, t1))));
        return (v => v > 0 ? Math.Atan2(v, 1 + v * v) : v * Math.Exp(v), Lambda<Func<double, double>>(handWritten, x), Lambda<Func<double, double>>(oneDivision, x));
    }
}
