using System.Linq.Expressions;

namespace Symbolic.Diagnostics;

/// <summary>The direct sub-expressions of the node shapes Symbolic meets, for iterative walks.</summary>
internal static class ExpressionChildren
{
    public static IEnumerable<Expression> Of(Expression node) => node switch
    {
        UnaryExpression u when u.Operand is not null => [u.Operand],
        BinaryExpression b => [b.Left, b.Right],
        ConditionalExpression c => [c.Test, c.IfTrue, c.IfFalse],
        MethodCallExpression m => m.Object is null ? m.Arguments : [m.Object, .. m.Arguments],
        MemberExpression { Expression: { } inner } => [inner],
        InvocationExpression i => [i.Expression, .. i.Arguments],
        LambdaExpression l => [l.Body],
        BlockExpression b => b.Expressions,
        NewArrayExpression n => n.Expressions,
        NewExpression n => n.Arguments,
        IndexExpression i => i.Object is null ? i.Arguments : [i.Object, .. i.Arguments],
        TypeBinaryExpression t => [t.Expression],
        LoopExpression l => [l.Body],
        GotoExpression { Value: { } value } => [value],
        LabelExpression { DefaultValue: { } value } => [value],
        _ => [],
    };

    /// <summary>Whether <paramref name="e"/> mentions a variable <paramref name="variable"/> selects (iteratively: a model may nest deeper than the stack allows).</summary>
    public static bool Mentions(Expression e, Func<ParameterExpression, bool> variable)
    {
        var pending = new Stack<Expression>([e]);
        while (pending.TryPop(out var next))
        {
            if (next is ParameterExpression p && variable(p)) return true;
            foreach (var child in Of(next)) pending.Push(child);
        }
        return false;
    }

    /// <summary>Whether <paramref name="e"/> mentions <paramref name="variable"/>.</summary>
    public static bool Mentions(Expression e, ParameterExpression variable) => Mentions(e, p => p == variable);
}
