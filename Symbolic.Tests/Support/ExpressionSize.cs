using System.Linq.Expressions;

namespace Symbolic.Tests.Support;

/// <summary>Counts the nodes of an expression tree without recursion (results of deep models are large).</summary>
public static class ExpressionSize
{
    public static int NodeCount(Expression root)
    {
        var count = 0;
        var pending = new Stack<Expression>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            count++;
            foreach (var child in Children(e)) pending.Push(child);
        }
        return count;
    }

    private static IEnumerable<Expression> Children(Expression e) => e switch
    {
        LambdaExpression l => [l.Body],
        BlockExpression b => b.Expressions,
        BinaryExpression b => [b.Left, b.Right],
        UnaryExpression u => [u.Operand],
        MethodCallExpression m => m.Object is null ? m.Arguments : [m.Object, .. m.Arguments],
        ConditionalExpression c => [c.Test, c.IfTrue, c.IfFalse],
        MemberExpression { Expression: { } inner } => [inner],
        _ => [],
    };
}
