using System.Linq.Expressions;
using Symbolic.Graph;
using Symbolic.Lowering;

namespace Symbolic.Dense;

/// <summary>
/// A sub-graph rewritten to read other loop indices: the per-iteration value of a loop nest, moved into a
/// grid over fresh indices so that it can be computed once, outside the loops it was written in.
/// </summary>
internal static class Reindexer
{
    /// <summary>
    /// <paramref name="root"/> with every index in <paramref name="map"/> replaced. A sum inside it gets a
    /// fresh index nested in the replacements (a loop index stands for its whole enclosing chain), even
    /// when its own index is one of those replaced: one parameter may be a loop's index outside a sum and
    /// the sum's bound index inside it, so a sum's body is rewritten with a map of its own.
    /// </summary>
    public static Node Reindex(NodeGraph g, Node root, IReadOnlyDictionary<ParameterExpression, ParameterExpression> map)
    {
        var rebuilt = new Dictionary<Node, Node>();
        foreach (var node in Affected(root, map))
        {
            Node Child(int i) => rebuilt.GetValueOrDefault(node.Children[i], node.Children[i]);
            rebuilt[node] = node switch
            {
                // A value some grid already holds (a layer's activation, in its own backward pass) is read from it.
                _ when g.GridOf(node) is { } grid && map.ContainsKey(grid.Row) && map.ContainsKey(grid.Column) => g.TensorRead(grid, map[grid.Row], map[grid.Column]),
                OpaqueNode o => g.Opaque(Substitute(o.Expression, map)),
                IndexedElementNode e => g.IndexedElement(e.Array, Substitute(e.Index, map)),
                TensorReadNode r => g.TensorRead(r.Tensor, map.GetValueOrDefault(r.Row, r.Row), map.GetValueOrDefault(r.Column, r.Column)),
                SumNode s => Loop(g, s.Index, s.Count, s.Body, map, (index, count, body) => g.Sum(index, count, body)),
                ArgExtremumNode a => Loop(g, a.Index, a.Count, a.Body, map, (index, count, body) => g.ArgExtremum(index, count, body, a.IsMax)),
                _ => g.Rebuild(node, Child),
            };
        }
        return rebuilt.GetValueOrDefault(root, root);
    }

    /// <summary>A loop moved with its enclosing indices: a fresh index nested in the replacement of its enclosing one, and its body rewritten for it.</summary>
    private static Node Loop(NodeGraph g, ParameterExpression index, Expression count, Node body,
        IReadOnlyDictionary<ParameterExpression, ParameterExpression> map, Func<ParameterExpression, Expression, Node, Node> make)
    {
        var enclosing = g.EnclosingOf(index) is { } outer ? map.GetValueOrDefault(outer, outer) : null;
        var movedCount = Substitute(count, map);
        var fresh = g.GridIndex(100 + g.DepthOf(index), enclosing, movedCount, index.Name);
        var inner = new Dictionary<ParameterExpression, ParameterExpression>(map) { [index] = fresh };
        return make(fresh, movedCount, Reindex(g, body, inner));
    }

    /// <summary>The nodes below root that read a replaced index (directly or through the loops they live in), in id order; materialised matrices read none.</summary>
    private static List<Node> Affected(Node root, IReadOnlyDictionary<ParameterExpression, ParameterExpression> map)
    {
        var seen = new HashSet<Node>();
        var pending = new Stack<Node>([root]);
        while (pending.TryPop(out var node))
        {
            if (node is TensorNode || !node.FreeIndices.Any(map.ContainsKey) || !seen.Add(node)) continue;
            // A loop's body is rewritten by the loop itself (see Loop).
            if (node is SumNode or ArgExtremumNode) continue;
            foreach (var child in node.Children) pending.Push(child);
        }
        var ordered = seen.ToList();
        ordered.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        return ordered;
    }

    private static Expression Substitute(Expression expression, IReadOnlyDictionary<ParameterExpression, ParameterExpression> replaced) =>
        new Substitution(replaced.ToDictionary(p => p.Key, p => (Expression)p.Value)).Visit(expression);
}
