using System.Linq.Expressions;

namespace Symbolic.Diagnostics;

/// <summary>
/// Quotes a sub-expression for an error message. <see cref="Expression.ToString"/> recurses, so a
/// deep tree is quoted by its outer shape only, and long text is cut.
/// </summary>
internal static class ExpressionQuoter
{
    private const int MaxDepth = 64;
    private const int MaxLength = 300;

    public static string Quote(Expression node)
    {
        var text = IsShallow(node) ? node.ToString() : $"{node.NodeType} over a sub-tree deeper than {MaxDepth} levels";
        return text.Length <= MaxLength ? text : text[..MaxLength] + "…";
    }

    private static bool IsShallow(Expression root)
    {
        var pending = new Stack<(Expression Node, int Depth)>();
        pending.Push((root, 0));
        var visited = 0;
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (depth > MaxDepth || ++visited > 10_000) return false;
            foreach (var child in ExpressionChildren.Of(node)) pending.Push((child, depth + 1));
        }
        return true;
    }
}
