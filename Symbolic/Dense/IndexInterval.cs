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
        var pending = new Stack<(Expression Term, long Sign)>([(index, 1)]);
        while (pending.TryPop(out var item))
        {
            var (term, sign) = item;
            switch (term)
            {
                case BinaryExpression { NodeType: ExpressionType.Add } add:
                    pending.Push((add.Left, sign)); pending.Push((add.Right, sign));
                    continue;
                case BinaryExpression { NodeType: ExpressionType.Subtract } subtract:
                    pending.Push((subtract.Left, sign)); pending.Push((subtract.Right, -sign));
                    continue;
            }
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

    /// <summary>A term as (constant coefficient, loop index or null for a constant), or (null, null) if it is neither.</summary>
    private static (long? Coefficient, ParameterExpression? Loop) Split(Expression term) => term switch
    {
        ConstantExpression { Value: int c } => (c, null),
        ParameterExpression p => (1, p),
        BinaryExpression { NodeType: ExpressionType.Multiply, Left: ParameterExpression p, Right: ConstantExpression { Value: int c } } => (c, p),
        BinaryExpression { NodeType: ExpressionType.Multiply, Left: ConstantExpression { Value: int c }, Right: ParameterExpression p } => (c, p),
        _ => (null, null),
    };
}
