using System.Linq.Expressions;

namespace Symbolic.Tests.Properties;

/// <summary>Calls the generic <c>Calculus.Simplify</c> overloads on a lambda of one to four doubles.</summary>
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
}
