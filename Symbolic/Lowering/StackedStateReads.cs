using System.Linq.Expressions;

namespace Symbolic.Lowering;

/// <summary>
/// Reads of one sequence's state inside a batched fold (<see cref="BatchedFolds"/>): <c>h[k]</c> becomes
/// <c>hs[b·H + k]</c> of the stacked state, <c>h.Length</c> becomes H, a scalar state <c>h</c> becomes <c>hs[b]</c>.
/// Any other use of the state (<c>h.Sum()</c>, h passed whole), or a read at an index not proved in 0 … H − 1 here (which
/// would silently read the next sequence's state where LINQ throws), is not rewritten: the batch is then left as it is.
/// </summary>
internal sealed class StackedStateReads(ParameterExpression state, ParameterExpression stacked, Expression row, int width, Expression? component) : ExpressionVisitor
{
    private readonly Dictionary<ParameterExpression, int> _ranges = [];
    private bool _refused;

    /// <summary>The body over the stacked state, or null when it uses the state other than by components proved in range.</summary>
    /// <param name="body">The step's component (or the result selector's body).</param>
    /// <param name="state">The one sequence's state parameter.</param>
    /// <param name="stacked">The stacked state parameter.</param>
    /// <param name="row">The row (sequence) the body reads.</param>
    /// <param name="width">H, the width of one sequence's state.</param>
    /// <param name="component">The expression the step's component index was replaced by (in 0 … H − 1), if any.</param>
    public static Expression? Rewrite(Expression body, ParameterExpression state, ParameterExpression stacked, Expression row, int width, Expression? component = null)
    {
        var reads = new StackedStateReads(state, stacked, row, width, component);
        var rewritten = reads.Visit(body);
        return reads._refused ? null : rewritten;
    }

    /// <inheritdoc/>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(node))]
    public override Expression? Visit(Expression? node)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        return base.Visit(node);
    }

    protected override Expression VisitBinary(BinaryExpression node)
    {
        if (node.NodeType != ExpressionType.ArrayIndex || node.Left != state || state.Type != typeof(double[])) return base.VisitBinary(node);
        var k = Visit(node.Right);
        if (Bounds(k) is not var (low, high) || low < 0 || high >= width) _refused = true;
        return Expression.ArrayIndex(stacked, Expression.Add(Expression.Multiply(row, Expression.Constant(width)), k));
    }

    /// <summary>The indices of LINQ operators over <c>Enumerable.Range(0, n)</c> (a sum over k) run in 0 … n − 1 inside their lambda.</summary>
    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node.Method.DeclaringType != typeof(Enumerable) || node.Arguments is not [MethodCallExpression { Method.Name: nameof(Enumerable.Range), Arguments: [ConstantExpression { Value: 0 }, ConstantExpression { Value: int n }] }, var selector, ..]
            || (selector is UnaryExpression { NodeType: ExpressionType.Quote } q ? q.Operand : selector) is not LambdaExpression { Parameters: [var index] })
            return base.VisitMethodCall(node);
        _ranges[index] = n;
        try { return base.VisitMethodCall(node); }
        finally { _ranges.Remove(index); }
    }

    protected override Expression VisitUnary(UnaryExpression node) =>
        node.NodeType == ExpressionType.ArrayLength && node.Operand == state ? Expression.Constant(width) : base.VisitUnary(node);

    protected override Expression VisitParameter(ParameterExpression node)
    {
        if (node != state) return node;
        if (state.Type == typeof(double)) return Expression.ArrayIndex(stacked, row);
        _refused = true;
        return node;
    }

    /// <summary>The least and greatest values of an index, where this pass can tell; else null.</summary>
    private (long Low, long High)? Bounds(Expression e)
    {
        if (e == component) return (0, width - 1);
        switch (e)
        {
            case ConstantExpression { Value: int constant }:
                return (constant, constant);
            case ParameterExpression p when _ranges.TryGetValue(p, out var n) && n > 0:
                return (0, n - 1);
            case BinaryExpression b:
                return Bounds(b.Left) is { } left && Bounds(b.Right) is { } right ? IndexBounds.Of(b.NodeType, left, right) : null;
            default:
                return null;
        }
    }
}
