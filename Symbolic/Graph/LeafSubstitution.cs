namespace Symbolic.Graph;

/// <summary>
/// Rebuilds the nodes above some leaves with other nodes in their place (through the smart constructors), as
/// the fold adjoint needs: a value computed inside a fold's loop, read outside it, reads the stored states.
/// Iterative (post-order with an explicit stack); nodes that reach no replaced leaf are kept as they are.
/// </summary>
internal static class LeafSubstitution
{
    /// <summary><paramref name="root"/> with every leaf <paramref name="replace"/> maps (non-null) replaced.</summary>
    public static Node Apply(NodeGraph g, Node root, Func<Node, Node?> replace, Dictionary<Node, Node> memo)
    {
        var pending = new Stack<(Node Node, bool Expanded)>();
        pending.Push((root, false));
        while (pending.Count > 0)
        {
            var (node, expanded) = pending.Pop();
            if (memo.ContainsKey(node)) continue;
            if (node.Children.Length == 0) { memo[node] = replace(node) ?? node; continue; }
            if (!expanded)
            {
                pending.Push((node, true));
                foreach (var child in node.Children)
                    if (!memo.ContainsKey(child)) pending.Push((child, false));
                continue;
            }
            var children = node.Children.ToArray();
            memo[node] = children.All(c => ReferenceEquals(memo[c], c)) ? node : g.Rebuild(node, k => memo[children[k]]);
        }
        return memo[root];
    }
}
