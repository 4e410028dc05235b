using Symbolic.Graph;

namespace Symbolic.Dense;

/// <summary>
/// The recognition pass (IR → IR): every sum reachable from the roots that is a contraction
/// (<see cref="ContractionRecognizer"/>) becomes the matrix product it computes, read at its indices.
/// </summary>
/// <remarks>
/// Nodes are rebuilt in id (children-first) order, so an inner sum is a product before the sum around it
/// is looked at: the outer body then reads a materialised matrix, not a loop. A node none of whose children
/// changed is kept as it is (no interning work for the parts of a model without sums).
/// </remarks>
internal static class ProductRecognition
{
    /// <summary>The roots with every recognisable contraction replaced by a product.</summary>
    public static Node[] Apply(NodeGraph g, IReadOnlyList<Node> roots)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(roots);
        // Without a LINQ loop there is no sum to look at (and no walk to pay for: unrolled models are large).
        if (!g.HasLoops) return [.. roots];
        var reachable = GraphTraversal.Reachable(roots);
        if (!reachable.Any(n => n is SumNode)) return [.. roots];
        var rowLoops = RowTails.Of(g, reachable);
        var rewritten = new Dictionary<Node, Node>(reachable.Count);
        // A sum over a fold's state is a per-step value: materialised as a matrix it would be read before the fold has run.
        var states = reachable.OfType<StateLoopNode>().Select(f => f.States).ToHashSet();
        var readsState = new HashSet<Node>();
        foreach (var node in reachable)
        {
            if (states.Count > 0 && (node is IndexedElementNode e && states.Contains(e.Array) || AnyChildIn(node, readsState))) readsState.Add(node);
            var current = node;
            if (ChildChanged(node, rewritten)) current = g.Rebuild(node, i => rewritten[node.Children[i]]);
            if (current is SumNode sum && !readsState.Contains(node) && ContractionRecognizer.TryRecognize(g, sum.Index, sum.Count, sum.Body, rowLoops) is { } product) current = product;
            rewritten[node] = current;
        }
        return [.. roots.Select(r => rewritten[r])];
    }

    private static bool AnyChildIn(Node node, HashSet<Node> set)
    {
        foreach (var child in node.Children)
            if (set.Contains(child)) return true;
        return false;
    }

    private static bool ChildChanged(Node node, Dictionary<Node, Node> rewritten)
    {
        foreach (var child in node.Children)
            if (!ReferenceEquals(rewritten[child], child)) return true;
        return false;
    }
}
