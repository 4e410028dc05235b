using System.Linq.Expressions;
using Symbolic.Diagnostics;
using Symbolic.Graph;

namespace Symbolic.Dense;

/// <summary>
/// A factor of a matrix product rewritten to read the grid's indices instead of the loops it was written
/// in, so that it can be computed once, before those loops. Factors contain no loops (the recogniser
/// leaves those as they are).
/// </summary>
internal static class Reindexer
{
    /// <summary><paramref name="root"/> with every index in <paramref name="map"/> replaced.</summary>
    public static Node Reindex(NodeGraph g, Node root, IReadOnlyDictionary<ParameterExpression, ParameterExpression> map)
    {
        var rebuilt = new Dictionary<Node, Node>();
        foreach (var node in Affected(root, map))
        {
            Node Child(int i) => rebuilt.GetValueOrDefault(node.Children[i], node.Children[i]);
            rebuilt[node] = node switch
            {
                // A value some grid already holds (a layer's activation, in its own backward pass) is read from it.
                _ when g.GridOf(node) is { } grid && map.ContainsKey(grid.Row) && map.ContainsKey(grid.Column)
                    && node.FreeIndices.Contains(grid.Row) && node.FreeIndices.Contains(grid.Column) => g.TensorRead(grid, map[grid.Row], map[grid.Column]),
                OpaqueNode o => g.Opaque(Substitute(o.Expression, map)),
                IndexedElementNode e => g.IndexedElement(e.Array, Substitute(e.Index, map)),
                TensorReadNode r => g.TensorRead(r.Tensor, map.GetValueOrDefault(r.Row, r.Row), r.Column is { } column ? map.GetValueOrDefault(column, column) : null),
                SumNode or ArgExtremumNode => throw new InvalidOperationException("A loop cannot be moved into a grid."),
                _ => g.Rebuild(node, Child),
            };
        }
        return rebuilt.GetValueOrDefault(root, root);
    }

    /// <summary>The nodes below root that read a replaced index (directly or through the loops they live in), in id order; materialised matrices read none.</summary>
    private static List<Node> Affected(Node root, IReadOnlyDictionary<ParameterExpression, ParameterExpression> map)
    {
        var seen = new HashSet<Node>();
        var pending = new Stack<Node>([root]);
        while (pending.TryPop(out var node))
        {
            if (node is TensorNode || !node.FreeIndices.Any(map.ContainsKey) || !seen.Add(node)) continue;
            foreach (var child in node.Children) pending.Push(child);
        }
        var ordered = seen.ToList();
        ordered.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        return ordered;
    }

    private static Expression Substitute(Expression expression, IReadOnlyDictionary<ParameterExpression, ParameterExpression> replaced) =>
        new Substitution(replaced.ToDictionary(p => p.Key, p => (Expression)p.Value)).Visit(expression);
}
