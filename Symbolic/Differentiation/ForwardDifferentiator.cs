using Symbolic.Graph;

namespace Symbolic.Differentiation;

/// <summary>
/// Forward mode (tangent propagation): d node = Σ ∂node/∂child · d child, memoised per node and
/// computed in id order, so each node is differentiated once (no expression swell) and nothing recurses.
/// A structurally zero tangent is <c>null</c>, never a zero node, so no <c>0 · NaN</c> can appear.
/// </summary>
internal static class ForwardDifferentiator
{
    /// <summary>The tangents of <paramref name="outputs"/> given the tangents of some variables (the seeds).</summary>
    public static Node[] Differentiate(NodeGraph g, IReadOnlyList<Node> outputs, IReadOnlyDictionary<Node, Node> seeds) =>
        [.. TangentsOrNull(g, outputs, seeds).Select(t => t ?? g.Zero)];

    /// <summary>As <see cref="Differentiate"/>, with null for tangents that are structurally zero (the sparsity pattern).</summary>
    public static Node?[] TangentsOrNull(NodeGraph g, IReadOnlyList<Node> outputs, IReadOnlyDictionary<Node, Node> seeds)
    {
        var tangents = new Dictionary<Node, Node?>();
        foreach (var (node, seed) in seeds) tangents[node] = seed;
        // Seeded nodes are not looked into (a fold's tangent seeds its step's inputs, whatever lies below them).
        foreach (var node in GraphTraversal.Reachable(outputs, stopAt: seeds.ContainsKey))
            if (!seeds.ContainsKey(node)) tangents[node] = Tangent(g, node, tangents);
        return [.. outputs.Select(o => tangents[o])];
    }

    /// <summary>The chain rule at one node; the children's tangents are already known.</summary>
    private static Node? Tangent(NodeGraph g, Node node, Dictionary<Node, Node?> tangents)
    {
        // Nodes none of whose children vary are constant: skip building partials nobody uses.
        var varies = false;
        foreach (var child in node.Children) varies |= tangents[child] is not null;
        if (!varies) return null;
        if (node is FoldNode fold) return FoldTangent.Of(g, fold, tangents);
        if (node is ReverseFoldNode sweep) return FoldTangent.OfReverse(g, sweep, tangents);
        if (node is FoldReadNode read) return tangents[read.Fold] is StateLoopNode moving ? g.FoldRead(moving, read.Position) : null;
        return DerivativeRules.For(g, node) switch
        {
            Partials partials => SumOfProducts(g, partials, tangents),
            Selection s => (tangents[s.IfTrue], tangents[s.IfFalse]) switch
            {
                (null, null) => null,
                var (t, f) => g.Conditional(s.Test, t ?? g.Zero, f ?? g.Zero),
            },
            Summation s => tangents[s.Sum.Body] is { } body ? g.Sum(s.Sum.Index, s.Sum.Count, body) : null,
            Constant => null,
            _ => throw new InvalidOperationException("Unknown local derivative."),
        };
    }

    private static Node? SumOfProducts(NodeGraph g, Partials partials, Dictionary<Node, Node?> tangents)
    {
        Node? sum = null;
        foreach (var (child, factor) in partials.Terms)
        {
            if (tangents[child] is not { } tangent) continue;
            // Guards stay outermost: a tangent that is 0 off a branch times an infinite partial is 0, not NaN.
            var term = GuardedArithmetic.Scale(g, tangent, factor);
            sum = sum is null ? term : GuardedArithmetic.Add(g, sum, term);
        }
        return sum;
    }
}
