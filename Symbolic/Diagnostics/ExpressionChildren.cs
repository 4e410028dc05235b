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
        _ => [],
    };
}
