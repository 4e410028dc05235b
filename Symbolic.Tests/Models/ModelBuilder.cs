using System.Linq.Expressions;
using Symbolic.Diagnostics;

namespace Symbolic.Tests.Models;

/// <summary>
/// Builds the larger models from a residual template per data point, so that every index of x stays an
/// integer constant and every data value becomes an inline constant.
/// </summary>
public static class ModelBuilder
{
    private static readonly System.Reflection.MethodInfo Pow = typeof(Math).GetMethod(nameof(Math.Pow), [typeof(double), typeof(double)])!;

    /// <summary>x =&gt; Math.Pow(r0, 2) + Math.Pow(r1, 2) + ... from x =&gt; new[] { r0, r1, ... }.</summary>
    public static Expression<Func<double[], double>> SumOfSquares(Expression<Func<double[], double[]>> residuals)
    {
        if (residuals.Body is not NewArrayExpression { NodeType: ExpressionType.NewArrayInit } array)
            throw new ArgumentException("Residuals must be written as x => new[] { ... }.", nameof(residuals));
        var sum = array.Expressions
            .Select(r => (Expression)Expression.Call(Pow, r, Expression.Constant(2.0)))
            .Aggregate(Expression.Add);
        return Expression.Lambda<Func<double[], double>>(sum, residuals.Parameters);
    }

    /// <summary>x =&gt; new[] { residual(x, 0), ..., residual(x, count - 1) }.</summary>
    public static Expression<Func<double[], double[]>> Vector(int count, Func<ParameterExpression, int, Expression> residual)
    {
        var x = Expression.Parameter(typeof(double[]), "x");
        return Expression.Lambda<Func<double[], double[]>>(
            Expression.NewArrayInit(typeof(double), Enumerable.Range(0, count).Select(i => residual(x, i))), x);
    }

    /// <summary>The body of <paramref name="template"/> with its first parameter (double[]) bound to x and the others to constants.</summary>
    public static Expression Apply(LambdaExpression template, ParameterExpression x, params double[] data) =>
        Apply(template, x, [.. data.Select(d => (Expression)Expression.Constant(d))]);

    /// <summary>The body of <paramref name="template"/> with its first parameter (double[]) bound to x and the others to the given expressions.</summary>
    public static Expression Apply(LambdaExpression template, ParameterExpression x, params Expression[] arguments)
    {
        if (template.Parameters.Count != arguments.Length + 1)
            throw new ArgumentException($"The template takes {template.Parameters.Count - 1} values after x; {arguments.Length} given.", nameof(arguments));
        var map = new Dictionary<ParameterExpression, Expression> { [template.Parameters[0]] = x };
        for (var k = 0; k < arguments.Length; k++) map[template.Parameters[k + 1]] = arguments[k];
        return new Substitution(map).Visit(template.Body);
    }

    /// <summary>x[index], or the constant 0 when index is outside 0..length-1 (boundary conditions such as x₀ = xₙ₊₁ = 0).</summary>
    public static Expression ElementOrZero(ParameterExpression x, int index, int length) =>
        index >= 0 && index < length ? Expression.ArrayIndex(x, Expression.Constant(index)) : Expression.Constant(0.0);

    /// <summary>Σ coefficients[j]·x[j] over the non-zero coefficients.</summary>
    public static Expression Dot(ParameterExpression x, IReadOnlyList<double> coefficients) =>
        Enumerable.Range(0, coefficients.Count)
            .Where(j => coefficients[j] != 0)
            .Select(j => (Expression)Expression.Multiply(Expression.Constant(coefficients[j]), Expression.ArrayIndex(x, Expression.Constant(j))))
            .Aggregate(Expression.Add);

    private sealed class Substitution(IReadOnlyDictionary<ParameterExpression, Expression> map) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => map.GetValueOrDefault(node, node);
    }
}
