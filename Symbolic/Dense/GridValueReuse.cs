using Symbolic.Graph;

namespace Symbolic.Dense;

/// <summary>
/// Where the value a grid materialises (a layer's activations) is used again outside the grid — by its own
/// backward pass, say 1 − tanh² — the use reads the grid instead of computing it again.
/// </summary>
internal static class GridValueReuse
{
    /// <summary>The roots rewritten so that every use of an elementwise grid's body, except by the grid itself, reads the grid.</summary>
    public static Node[] Apply(NodeGraph g, IReadOnlyList<Node> roots)
    {
        var reachable = GraphTraversal.Reachable(roots);
        // Only grids whose body reads both indices: wherever the body is used, both are bound (a one-column
        // grid's index of range 1 is bound nowhere else).
        var grids = reachable.OfType<GridNode>()
            .Where(grid => grid.IsElementwise && grid.Body.FreeIndices.Contains(grid.Row) && grid.Body.FreeIndices.Contains(grid.Column))
            .GroupBy(grid => grid.Body).ToDictionary(group => group.Key, group => group.First());
        if (grids.Count == 0) return [.. roots];
        var rewritten = new Dictionary<Node, Node>();
        foreach (var node in reachable)
        {
            Node Child(int i)
            {
                var child = node.Children[i];
                if (node is not GridNode && grids.TryGetValue(child, out var grid) && rewritten[child] == child) return g.TensorRead(grid, grid.Row, grid.Column);
                return rewritten[child];
            }
            rewritten[node] = node.Children.Length == 0 ? node : g.Rebuild(node, Child);
        }
        return [.. roots.Select(r => grids.TryGetValue(r, out var grid) && rewritten[r] == r ? g.TensorRead(grid, grid.Row, grid.Column) : rewritten[r])];
    }
}
