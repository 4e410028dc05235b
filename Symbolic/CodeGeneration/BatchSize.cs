using System.Linq.Expressions;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// The sizes of a batched fold's B × H block (<c>frontend.batch-folds</c>) from its width B·H: B a constant (at least two
/// rows), or, for a batch whose size is known only when the model runs, the expression B of a width written <c>B · H</c>.
/// </summary>
internal static class BatchSize
{
    /// <summary>B, the rows of H in <paramref name="width"/>; null when the width is not B·H rows (or one row of a constant width).</summary>
    public static Expression? Of(Expression width, int h)
    {
        if (h <= 0) return null;
        if (LinqRuntime.Dimension(width) is ConstantExpression { Value: int count })
            return count % h == 0 && count / h >= 2 ? Expression.Constant(count / h) : null;
        return LinqRuntime.Unchecked(width) switch
        {
            BinaryExpression { NodeType: ExpressionType.Multiply, Method: null, Left: var rows, Right: ConstantExpression { Value: int c } } when c == h => rows,
            BinaryExpression { NodeType: ExpressionType.Multiply, Method: null, Left: ConstantExpression { Value: int c }, Right: var rows } when c == h => rows,
            _ => null,
        };
    }
}
