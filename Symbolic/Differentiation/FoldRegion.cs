using Symbolic.Graph;

namespace Symbolic.Differentiation;

/// <summary>
/// A fold's step split for differentiation: the nodes that read the previous state (the region, whose leaves are
/// the state's elements) and what the region reads from outside it (the step's inputs: parameters, data, values
/// computed before the loop). Both modes differentiate the region with the state as a variable of its own.
/// </summary>
internal sealed record FoldRegion(IReadOnlySet<Node> Nodes, IReadOnlyList<IndexedElementNode> Leaves, IReadOnlyList<Node> Inputs)
{
    public static FoldRegion Of(FoldNode fold) => Of([fold.Step], fold.States);

    /// <summary>The region of <paramref name="roots"/> that reads elements of <paramref name="states"/>, and its inputs (roots outside it included).</summary>
    public static FoldRegion Of(IReadOnlyList<Node> roots, System.Linq.Expressions.ParameterExpression states)
    {
        var region = new HashSet<Node>();
        var leaves = new List<IndexedElementNode>();
        foreach (var node in GraphTraversal.Reachable(roots))
        {
            if (node is IndexedElementNode e && e.Array == states) { region.Add(node); leaves.Add(e); }
            else foreach (var child in node.Children) if (region.Contains(child)) { region.Add(node); break; }
        }
        var inputs = new HashSet<Node>(roots.Where(r => !region.Contains(r)));
        foreach (var node in region)
            foreach (var child in node.Children)
                if (!region.Contains(child)) inputs.Add(child);
        return new FoldRegion(region, leaves, [.. inputs.OrderBy(n => n.Id)]);
    }
}
