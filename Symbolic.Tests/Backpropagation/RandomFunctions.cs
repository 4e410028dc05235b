using System.Globalization;
using System.Linq.Expressions;
using FsCheck;
using FsCheck.Fluent;

namespace Symbolic.Tests.Backpropagation;

/// <summary>
/// Random smooth functions of x[0..3], domain-safe by construction: division by 1 + v², log(1 + u²),
/// sqrt(1 + u²), exp(−u²) (bounded), tanh, sin, cos, and u² or u³ as Math.Pow.
/// </summary>
public abstract record SmoothTerm
{
    public const int Variables = 4;

    public abstract Expression ToExpression(ParameterExpression x);

    public Expression<Func<double[], double>> ToLambda()
    {
        var x = Expression.Parameter(typeof(double[]), "x");
        return Expression.Lambda<Func<double[], double>>(ToExpression(x), x);
    }

    /// <summary>Simpler terms: each child, then the term with one child simplified.</summary>
    public abstract IEnumerable<SmoothTerm> Shrink();
}

public sealed record VariableTerm(int Index) : SmoothTerm
{
    public override Expression ToExpression(ParameterExpression x) => Expression.ArrayIndex(x, Expression.Constant(Index));
    public override IEnumerable<SmoothTerm> Shrink() => Index == 0 ? [] : [new VariableTerm(0)];
    public override string ToString() => $"x[{Index}]";
}

public sealed record ConstantTerm(double Value) : SmoothTerm
{
    public override Expression ToExpression(ParameterExpression x) => Expression.Constant(Value);
    public override IEnumerable<SmoothTerm> Shrink() => Value == 1 ? [] : [new ConstantTerm(1)];
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

public enum UnaryKind { Negate, Sin, Cos, Tanh, BoundedExp, LogOnePlusSquare, SqrtOnePlusSquare, Square, Cube }

public sealed record UnaryTerm(UnaryKind Kind, SmoothTerm Operand) : SmoothTerm
{
    public override Expression ToExpression(ParameterExpression x)
    {
        var u = Operand.ToExpression(x);
        Expression OnePlusSquare() => Expression.Add(Expression.Constant(1.0), Expression.Multiply(u, u));
        return Kind switch
        {
            UnaryKind.Negate => Expression.Negate(u),
            UnaryKind.Sin => Math(nameof(System.Math.Sin), u),
            UnaryKind.Cos => Math(nameof(System.Math.Cos), u),
            UnaryKind.Tanh => Math(nameof(System.Math.Tanh), u),
            UnaryKind.BoundedExp => Math(nameof(System.Math.Exp), Expression.Negate(Expression.Multiply(u, u))),
            UnaryKind.LogOnePlusSquare => Math(nameof(System.Math.Log), OnePlusSquare()),
            UnaryKind.SqrtOnePlusSquare => Math(nameof(System.Math.Sqrt), OnePlusSquare()),
            UnaryKind.Square => Expression.Call(typeof(Math), nameof(System.Math.Pow), null, u, Expression.Constant(2.0)),
            UnaryKind.Cube => Expression.Call(typeof(Math), nameof(System.Math.Pow), null, u, Expression.Constant(3.0)),
            _ => throw new ArgumentOutOfRangeException(nameof(Kind)),
        };
    }

    private static MethodCallExpression Math(string name, Expression argument) => Expression.Call(typeof(Math), name, null, argument);

    public override IEnumerable<SmoothTerm> Shrink() => [Operand, .. Operand.Shrink().Select(o => this with { Operand = o })];

    public override string ToString() => $"{Kind}({Operand})";
}

public enum BinaryKind { Add, Subtract, Multiply, SafeDivide }

public sealed record BinaryTerm(BinaryKind Kind, SmoothTerm Left, SmoothTerm Right) : SmoothTerm
{
    public override Expression ToExpression(ParameterExpression x)
    {
        var (l, r) = (Left.ToExpression(x), Right.ToExpression(x));
        return Kind switch
        {
            BinaryKind.Add => Expression.Add(l, r),
            BinaryKind.Subtract => Expression.Subtract(l, r),
            BinaryKind.Multiply => Expression.Multiply(l, r),
            BinaryKind.SafeDivide => Expression.Divide(l, Expression.Add(Expression.Constant(1.0), Expression.Multiply(r, r))),
            _ => throw new ArgumentOutOfRangeException(nameof(Kind)),
        };
    }

    public override IEnumerable<SmoothTerm> Shrink() =>
        [Left, Right, .. Left.Shrink().Select(s => this with { Left = s }), .. Right.Shrink().Select(s => this with { Right = s })];

    public override string ToString() => Kind == BinaryKind.SafeDivide ? $"({Left} / (1 + ({Right})²))" : $"({Left} {Kind} {Right})";
}

/// <summary>A random function and a point in [-1.5, 1.5]⁴ to check it at.</summary>
public sealed record RandomCase(SmoothTerm Body, double[] Point)
{
    public override string ToString() => $"f = x => {Body} at x = [{string.Join(", ", Point.Select(p => p.ToString("R", CultureInfo.InvariantCulture)))}]";
}

public static class RandomFunctions
{
    private static readonly Gen<double> Coordinate = Gen.Choose(-150, 150).Select(i => i / 100.0);

    private static readonly Gen<SmoothTerm> Leaf = Gen.Frequency(
        (4, Gen.Choose(0, SmoothTerm.Variables - 1).Select(i => (SmoothTerm)new VariableTerm(i))),
        (1, Gen.Choose(-20, 20).Select(i => (SmoothTerm)new ConstantTerm(i / 4.0))));

    private static Gen<SmoothTerm> Tree(int size) => size <= 1
        ? Leaf
        : Gen.Frequency(
            (1, Leaf),
            (3, from kind in Gen.Elements(Enum.GetValues<UnaryKind>())
                from operand in Tree(size - 1)
                select (SmoothTerm)new UnaryTerm(kind, operand)),
            (4, from kind in Gen.Elements(Enum.GetValues<BinaryKind>())
                from leftSize in Gen.Choose(1, size - 1)
                from left in Tree(leftSize)
                from right in Tree(size - leftSize)
                select (SmoothTerm)new BinaryTerm(kind, left, right)));

    /// <summary>Trees of up to 12 operations (FsCheck's size, capped), shrinking a subtree to a child.</summary>
    public static Arbitrary<RandomCase> Cases { get; } = Arb.From(
        from body in Gen.Sized(size => Gen.Choose(1, Math.Clamp(size / 4 + 2, 2, 12)).SelectMany(Tree))
        from point in Gen.ArrayOf(Coordinate, SmoothTerm.Variables)
        select new RandomCase(body, point),
        c => c.Body.Shrink().Select(b => c with { Body = b }));
}
