using System.Linq.Expressions;

namespace Symbolic.Tests.Support;

/// <summary>Models built with the Expression API, too deep or too long to write by hand.</summary>
public static class Chains
{
    private static readonly System.Reflection.MethodInfo Sin = typeof(Math).GetMethod(nameof(Math.Sin), [typeof(double)])!;

    /// <summary>x => sin(sin(...sin(x)...)), <paramref name="depth"/> times.</summary>
    public static Expression<Func<double, double>> NestedSine(int depth)
    {
        var x = Expression.Parameter(typeof(double), "x");
        Expression body = x;
        for (var i = 0; i < depth; i++) body = Expression.Call(Sin, body);
        return Expression.Lambda<Func<double, double>>(body, x);
    }

    /// <summary>x => (x + 1)·(x + 2)·…·(x + k): k distinct factors.</summary>
    public static Expression<Func<double, double>> ProductOfShiftedFactors(int k)
    {
        var x = Expression.Parameter(typeof(double), "x");
        Expression body = Expression.Add(x, Expression.Constant(1.0));
        for (var i = 2; i <= k; i++) body = Expression.Multiply(body, Expression.Add(x, Expression.Constant((double)i)));
        return Expression.Lambda<Func<double, double>>(body, x);
    }

    /// <summary>The derivative of the nested sine at x, by the chain rule written as a loop: Π cos(sᵢ).</summary>
    public static double NestedSineDerivative(int depth, double x)
    {
        var (value, derivative) = (x, 1.0);
        for (var i = 0; i < depth; i++) (value, derivative) = (Math.Sin(value), derivative * Math.Cos(value));
        return derivative;
    }

    /// <summary>d/dx Π (x + i) = Σⱼ Π_{i≠j} (x + i), computed as the product times Σ 1/(x + i).</summary>
    public static double ProductOfShiftedFactorsDerivative(int k, double x)
    {
        double product = 1, sumOfInverses = 0;
        for (var i = 1; i <= k; i++) { product *= x + i; sumOfInverses += 1 / (x + i); }
        return product * sumOfInverses;
    }
}
