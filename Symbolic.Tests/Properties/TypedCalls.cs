using System.Linq.Expressions;

namespace Symbolic.Tests.Properties;

/// <summary>Calls the typed <c>Calculus</c> overloads (generic Simplify, Partial per arity) on a lambda of one to four doubles.</summary>
public static class TypedCalls
{
    /// <summary><c>f.Simplify(level)</c>, or <c>f.Simplify()</c> (the default level) when <paramref name="level"/> is null.</summary>
    public static LambdaExpression Simplify(LambdaExpression f, SimplificationLevel? level = null) => f switch
    {
        Expression<Func<double, double>> f1 => level is { } l ? f1.Simplify(l) : f1.Simplify(),
        Expression<Func<double, double, double>> f2 => level is { } l ? f2.Simplify(l) : f2.Simplify(),
        Expression<Func<double, double, double, double>> f3 => level is { } l ? f3.Simplify(l) : f3.Simplify(),
        Expression<Func<double, double, double, double, double>> f4 => level is { } l ? f4.Simplify(l) : f4.Simplify(),
        _ => throw new ArgumentException($"Expected a lambda of one to four doubles, got {f.Type}.", nameof(f)),
    };

    /// <summary>The typed <c>Partial</c> overload for f's arity (the untyped one for a single variable).</summary>
    public static LambdaExpression Partial(LambdaExpression f, int parameterIndex) => f switch
    {
        Expression<Func<double, double, double>> f2 => f2.Partial(parameterIndex),
        Expression<Func<double, double, double, double>> f3 => f3.Partial(parameterIndex),
        Expression<Func<double, double, double, double, double>> f4 => f4.Partial(parameterIndex),
        _ => f.Partial(parameterIndex),
    };
}
