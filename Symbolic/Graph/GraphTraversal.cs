using System.Linq.Expressions;

namespace Symbolic.Graph;

/// <summary>Iterative walks over the DAG; nothing here recurses, so depth is bounded only by memory.</summary>
internal static class GraphTraversal
{
    /// <summary>The nodes reachable from <paramref name="roots"/>, in id (topological, children-first) order.</summary>
    /// <param name="roots">Where the walk starts.</param>
    /// <param name="stopAt">Nodes whose children are not walked (they are included themselves).</param>
    public static List<Node> Reachable(IEnumerable<Node> roots, Func<Node, bool>? stopAt = null)
    {
        var seen = new HashSet<Node>();
        var pending = new Stack<Node>();
        foreach (var root in roots)
            if (seen.Add(root)) pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (stopAt?.Invoke(node) == true) continue;
            foreach (var child in node.Children)
                if (seen.Add(child)) pending.Push(child);
        }
        var ordered = seen.ToList();
        ordered.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        return ordered;
    }

    /// <summary>How many times each reachable node is used as an operand (roots count once more each).</summary>
    public static Dictionary<Node, int> UseCounts(IReadOnlyList<Node> reachable, IEnumerable<Node> roots)
    {
        var uses = reachable.ToDictionary(n => n, _ => 0);
        foreach (var node in reachable)
            foreach (var child in node.Children) uses[child]++;
        foreach (var root in roots) uses[root]++;
        return uses;
    }

    /// <summary>Whether any of <paramref name="targets"/> is reachable from <paramref name="root"/>.</summary>
    public static bool DependsOn(Node root, IReadOnlySet<Node> targets) => Reachable([root]).Any(targets.Contains);

    /// <summary>Orders indices as the loops are written: outer loops first (by nesting depth).</summary>
    public static IReadOnlyList<ParameterExpression> LoopNesting(IEnumerable<ParameterExpression> indices, Func<ParameterExpression, int> depthOf) =>
        [.. indices.OrderBy(depthOf)];
}
