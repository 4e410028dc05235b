using System.Linq.Expressions;
using Symbolic.Diagnostics;
using Symbolic.Runtime;

namespace Symbolic.Lowering;

/// <summary>
/// Folds whose state width is known only when the model runs (<c>Range(0, sequences.Length · H)</c>, the batch of
/// <c>frontend.batch-folds</c> over a run-time number of sequences): the width must read no loop index, no local and no
/// state, so that it is one number for the whole fold; a read of the state is proved in range when it is a row of the
/// width's H-wide rows (<c>r·H + k</c>, r counting the rows, k in 0 … H − 1), and checked at run time otherwise.
/// </summary>
internal sealed partial class ExpressionLowerer
{
    /// <summary>Whether <paramref name="size"/> is fixed before the fold of <paramref name="step"/> runs: it reads no loop index, local, state or step parameter.</summary>
    private bool IsRunTimeSize(Expression size, LambdaExpression step) =>
        !ExpressionChildren.Mentions(size, p => step.Parameters.Contains(p) || _graph.IsIndex(p) || _locals.ContainsKey(p) || _stateArrays.ContainsKey(p) || _aliases.ContainsKey(p));

    /// <summary>
    /// Whether <paramref name="index"/> is in 0 … width − 1 for a run-time <paramref name="width"/> n·H (or n): an index counting
    /// the width, or r·H + k with r counting n (a loop index over n, or c / H with c counting the width) and k proved in 0 … H − 1.
    /// </summary>
    private bool InRunTimeRange(Expression index, Expression width)
    {
        var size = LinqRuntime.Unchecked(width);
        if (Counts(index, size)) return true;
        var (rows, h) = size switch
        {
            BinaryExpression { NodeType: ExpressionType.Multiply, Method: null, Left: var n, Right: ConstantExpression { Value: int c } } when c > 0 => (n, c),
            BinaryExpression { NodeType: ExpressionType.Multiply, Method: null, Left: ConstantExpression { Value: int c }, Right: var n } when c > 0 => (n, c),
            _ => (size, 1),
        };
        var (start, offset) = index is BinaryExpression { NodeType: ExpressionType.Add, Method: null } sum ? (sum.Left, sum.Right) : (index, Expression.Constant(0));
        if (Bounds(offset) is not var (low, high) || low < 0 || high >= h) return false;
        var row = start switch
        {
            BinaryExpression { NodeType: ExpressionType.Multiply, Method: null, Left: var r, Right: ConstantExpression { Value: int c } } when c == h => r,
            BinaryExpression { NodeType: ExpressionType.Multiply, Method: null, Left: ConstantExpression { Value: int c }, Right: var r } when c == h => r,
            _ when h == 1 => start,
            _ => null,
        };
        return row is not null && (Counts(row, rows)
            || row is BinaryExpression { NodeType: ExpressionType.Divide, Method: null, Left: var component, Right: ConstantExpression { Value: int d } } && d == h && Counts(component, size));
    }

    /// <summary>Whether <paramref name="index"/> is a loop index whose count is <paramref name="size"/>.</summary>
    private bool Counts(Expression index, Expression size) =>
        index is ParameterExpression p && _graph.IsIndex(p) && SameExpression.Equal(LinqRuntime.Unchecked(_graph.CountOf(p)), size);
}
