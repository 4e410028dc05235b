using System.Linq.Expressions;

namespace Symbolic.Diagnostics;

/// <summary>
/// The shape of an argument check in an expression tree: a void <c>if</c> that only throws. Here, below both the
/// frontend and the backend, so the frontend recognises the checks the backend writes without naming the backend.
/// </summary>
internal static class GuardStatements
{
    /// <summary>Whether a statement is a guard (a void <c>if</c> that only throws): readers of emitted code skip it.</summary>
    public static bool IsGuard(Expression statement) =>
        statement is ConditionalExpression { IfTrue: UnaryExpression { NodeType: ExpressionType.Throw }, IfFalse: DefaultExpression } c
        && c.Type == typeof(void);
}
