using System.Linq.Expressions;
using static System.Linq.Expressions.Expression;

namespace Symbolic.Tests.Generators;

/// <summary>
/// The catalogue of safe forms: together they use every operation Symbolic differentiates (checked by
/// <c>GeneratorCoverageTests</c>). Bounded inner functions keep values finite at any depth: exp, sinh,
/// cosh and tan only see bounded arguments; logs, roots, acosh and real powers only see p + u² with
/// p &gt; 0 (or more); divisions divide by something at least 0.5 away from zero; guarded forms only
/// take the branch that is defined.
/// </summary>
public static class SafeForms
{
    private static readonly double[] None = [0];

    public static IReadOnlyList<SafeForm> All { get; } =
    [
        // Arithmetic
        new("u + v", 2, None, (o, _) => Add(o[0], o[1])),
        new("u - v", 2, None, (o, _) => Subtract(o[0], o[1])),
        new("u * v", 2, None, (o, _) => Multiply(o[0], o[1])),
        new("u / (p + v*v)", 2, [0.5, 1.5], (o, p) => Divide(o[0], Add(C(p), Square(o[1])))),
        new("u / (p + sin v)", 2, [2, -2], (o, p) => Divide(o[0], Add(C(p), Math1(nameof(Math.Sin), o[1])))),
        new("-u", 1, None, (o, _) => Negate(o[0])),
        // Trigonometric
        new("sin u", 1, None, (o, _) => Math1(nameof(Math.Sin), o[0])),
        new("cos u", 1, None, (o, _) => Math1(nameof(Math.Cos), o[0])),
        new("tan(p * sin u)", 1, [1, 1.4], (o, p) => Math1(nameof(Math.Tan), Multiply(C(p), Math1(nameof(Math.Sin), o[0])))),
        new("asin(p * tanh u)", 1, [0.9, -0.6], (o, p) => Math1(nameof(Math.Asin), Multiply(C(p), Math1(nameof(Math.Tanh), o[0])))),
        new("acos(p * tanh u)", 1, [0.9, -0.6], (o, p) => Math1(nameof(Math.Acos), Multiply(C(p), Math1(nameof(Math.Tanh), o[0])))),
        new("atan u", 1, None, (o, _) => Math1(nameof(Math.Atan), o[0])),
        // atan2 is singular at the origin, where both operands can be exactly 0 (floor, sign ...): keep v away from 0.
        new("atan2(u, p + v*v)", 2, [0.5, 1.5], (o, p) => Math2(nameof(Math.Atan2), o[0], Add(C(p), Square(o[1])))),
        new("atan2(p + u*u, v)", 2, [0.5, 1.5], (o, p) => Math2(nameof(Math.Atan2), Add(C(p), Square(o[0])), o[1])),
        // The left half-plane: a jump of 2π where u crosses 0 (the oracle's kink), never the origin.
        new("atan2(u, -(p + v*v))", 2, [0.5, 1.5], (o, p) => Math2(nameof(Math.Atan2), o[0], Negate(Add(C(p), Square(o[1]))))),
        // Hyperbolic
        new("sinh(p * atan u)", 1, [1, 2], (o, p) => Math1(nameof(Math.Sinh), Multiply(C(p), Math1(nameof(Math.Atan), o[0])))),
        new("cosh(p * atan u)", 1, [1, 2], (o, p) => Math1(nameof(Math.Cosh), Multiply(C(p), Math1(nameof(Math.Atan), o[0])))),
        new("tanh u", 1, None, (o, _) => Math1(nameof(Math.Tanh), o[0])),
        new("asinh u", 1, None, (o, _) => Math1(nameof(Math.Asinh), o[0])),
        new("acosh(p + u*u)", 1, [1.5, 3], (o, p) => Math1(nameof(Math.Acosh), Add(C(p), Square(o[0])))),
        new("atanh(p * tanh u)", 1, [0.9, -0.6], (o, p) => Math1(nameof(Math.Atanh), Multiply(C(p), Math1(nameof(Math.Tanh), o[0])))),
        // Exponentials and logarithms
        new("exp(p * sin u)", 1, [1, -1.5], (o, p) => Math1(nameof(Math.Exp), Multiply(C(p), Math1(nameof(Math.Sin), o[0])))),
        new("log(p + u*u)", 1, [0.5, 1, 2.5], (o, p) => Math1(nameof(Math.Log), Add(C(p), Square(o[0])))),
        new("log(1 + u*u, p)", 1, [3, 0.5, 10], (o, p) => Math2(nameof(Math.Log), Add(C(1), Square(o[0])), C(p))),
        new("log(p + u*u, 2 + v*v)", 2, [0.5, 1], (o, p) => Math2(nameof(Math.Log), Add(C(p), Square(o[0])), Add(C(2), Square(o[1])))),
        new("log10(p + u*u)", 1, [0.5, 1.5], (o, p) => Math1(nameof(Math.Log10), Add(C(p), Square(o[0])))),
        new("log2(p + u*u)", 1, [0.5, 1.5], (o, p) => Math1(nameof(Math.Log2), Add(C(p), Square(o[0])))),
        new("sqrt(p + u*u)", 1, [0.25, 1], (o, p) => Math1(nameof(Math.Sqrt), Add(C(p), Square(o[0])))),
        new("cbrt(sin u - p)", 1, [2, -2], (o, p) => Math1(nameof(Math.Cbrt), Subtract(Math1(nameof(Math.Sin), o[0]), C(p)))),
        // Powers: integer exponents on any base; real and varying exponents on positive bases.
        new("u^p", 1, [2, 3, 4], (o, p) => Math2(nameof(Math.Pow), o[0], C(p))),
        // A captured exponent is an opaque leaf, not a constant: the general power rule, on negative bases too.
        new("u^k, k = p captured", 1, [2, 3], (o, p) => Math2(nameof(Math.Pow), o[0], CapturedValue.Read(p))),
        new("(1 + u*u)^p", 1, [0.5, 1.5, -0.5, -2, 2.5], (o, p) => Math2(nameof(Math.Pow), Add(C(1), Square(o[0])), C(p))),
        new("(p + u*u)^sin v", 2, [0.5, 1.5], (o, p) => Math2(nameof(Math.Pow), Add(C(p), Square(o[0])), Math1(nameof(Math.Sin), o[1]))),
        new("p^sin u", 1, [2, 0.5, 10], (o, p) => Math2(nameof(Math.Pow), C(p), Math1(nameof(Math.Sin), o[0]))),
        // Non-smooth: the oracle measures the distance to their kinks, and the properties keep away.
        new("|u|", 1, None, (o, _) => Math1(nameof(Math.Abs), o[0])),
        new("sign u", 1, None, (o, _) => Convert(Call(typeof(Math).GetMethod(nameof(Math.Sign), [typeof(double)])!, o[0]), typeof(double))),
        new("floor u", 1, None, (o, _) => Math1(nameof(Math.Floor), o[0])),
        new("ceiling u", 1, None, (o, _) => Math1(nameof(Math.Ceiling), o[0])),
        new("round u", 1, None, (o, _) => Math1(nameof(Math.Round), o[0])),
        new("truncate u", 1, None, (o, _) => Math1(nameof(Math.Truncate), o[0])),
        new("max(u, v)", 2, None, (o, _) => Math2(nameof(Math.Max), o[0], o[1]), DistinctOperands: true),
        new("min(u, v)", 2, None, (o, _) => Math2(nameof(Math.Min), o[0], o[1]), DistinctOperands: true),
        // Guarded: the branch not taken is NaN at the point; it must not leak into the derivative.
        new("u > 0 ? sqrt(u) : v", 2, None, (o, _) => Condition(GreaterThan(o[0], C(0)), Math1(nameof(Math.Sqrt), o[0]), o[1])),
        new("u > p ? log(u - p) : v", 2, [0.5, -1], (o, p) => Condition(GreaterThan(o[0], C(p)), Math1(nameof(Math.Log), Subtract(o[0], C(p))), o[1])),
        new("-1 < u && u < 1 ? atanh(u) : v", 2, None, (o, _) =>
            Condition(AndAlso(LessThan(C(-1), o[0]), LessThan(o[0], C(1))), Math1(nameof(Math.Atanh), o[0]), o[1])),
    ];

    private static ConstantExpression C(double value) => Constant(value);

    // u·u shares the operand's node; the library must read shared LINQ nodes as well as distinct ones.
    private static Expression Square(Expression u) => Multiply(u, u);

    private static MethodCallExpression Math1(string name, Expression u) =>
        Call(typeof(Math).GetMethod(name, [typeof(double)])!, u);

    private static MethodCallExpression Math2(string name, Expression u, Expression v) =>
        Call(typeof(Math).GetMethod(name, [typeof(double), typeof(double)])!, u, v);
}
