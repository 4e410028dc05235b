using System.Linq.Expressions;

namespace Symbolic.Dense;

/// <summary>
/// The smallest and largest value an affine integer index (<c>c₀ + Σ cᵢ·iᵢ</c>, constant coefficients) takes
/// when each loop index runs over a constant range: what tells that two writes into the gradient cannot meet.
/// </summary>
internal static class IndexInterval
{
    /// <summary>[min, max] of the index, or null when it is not affine with constant coefficients and ranges.</summary>
    /// <param name="index">The integer index expression.</param>
    /// <param name="count">The constant count of a loop index, or null (unknown, or not a loop index).</param>
    public static (long Min, long Max)? Of(Expression index, Func<ParameterExpression, int?> count)
    {
        long min = 0, max = 0;
        foreach (var (term, sign) in AffineTerms.Of(index))
        {
            var (coefficient, loop) = Split(term);
            if (coefficient is null) return null;
            var scaled = sign * coefficient.Value;
            if (loop is null) { min += scaled; max += scaled; continue; }
            if (count(loop) is not { } n || n <= 0) return null;
            var (low, high) = (scaled * 0, scaled * (n - 1));
            min += Math.Min(low, high);
            max += Math.Max(low, high);
        }
        return (min, max);
    }

    /// <summary>The value of an integer expression made of constants (sums, differences, products), or null.</summary>
    public static long? ConstantOf(Expression e) => Of(e, _ => null) is var (min, max) && min == max ? min : null;

    /// <summary>A term as (constant coefficient, loop index or null for a constant), or (null, null) if it is neither.</summary>
    internal static (long? Coefficient, ParameterExpression? Loop) Split(Expression term) => term switch
    {
        ConstantExpression { Value: int c } => (c, null),
        BinaryExpression { NodeType: ExpressionType.Multiply, Left: ConstantExpression { Value: int a }, Right: ConstantExpression { Value: int b } } => ((long)a * b, null),
        ParameterExpression p => (1, p),
        BinaryExpression { NodeType: ExpressionType.Multiply, Left: ParameterExpression p, Right: ConstantExpression { Value: int c } } => (c, p),
        BinaryExpression { NodeType: ExpressionType.Multiply, Left: ConstantExpression { Value: int c }, Right: ParameterExpression p } => (c, p),
        _ => (null, null),
    };
}
