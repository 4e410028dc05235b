using System.Linq.Expressions;

namespace Symbolic.Diagnostics;

/// <summary>
/// Whether two small expressions compute the same value by the same tree: the same constants, the same variables
/// (by reference), the same members, operators and calls over equal operands. Used to tell that a run-time size written
/// twice (<c>sequences.Length · 32</c> as a fold's width and as a loop's count) is one size. Iterative; anything of
/// another shape is equal only to itself.
/// </summary>
internal static class SameExpression
{
    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> are the same tree.</summary>
    public static bool Equal(Expression a, Expression b)
    {
        var pending = new Stack<(Expression, Expression)>([(a, b)]);
        while (pending.TryPop(out var pair))
        {
            var (x, y) = pair;
            if (ReferenceEquals(x, y)) continue;
            if (x.NodeType != y.NodeType || x.Type != y.Type) return false;
            switch (x, y)
            {
                case (ConstantExpression cx, ConstantExpression cy) when Equals(cx.Value, cy.Value):
                    break;
                case (MemberExpression mx, MemberExpression my) when mx.Member == my.Member && (mx.Expression, my.Expression) is var (ox, oy):
                    if (ox is null != oy is null) return false;
                    if (ox is not null) pending.Push((ox, oy!));
                    break;
                case (UnaryExpression ux, UnaryExpression uy) when ux.Method == uy.Method:
                    pending.Push((ux.Operand, uy.Operand));
                    break;
                case (BinaryExpression bx, BinaryExpression by) when bx.Method == by.Method:
                    pending.Push((bx.Left, by.Left));
                    pending.Push((bx.Right, by.Right));
                    break;
                case (MethodCallExpression fx, MethodCallExpression fy) when fx.Method == fy.Method && fx.Object is null && fy.Object is null:
                    foreach (var (ax, ay) in fx.Arguments.Zip(fy.Arguments)) pending.Push((ax, ay));
                    break;
                default:
                    return false;
            }
        }
        return true;
    }
}
