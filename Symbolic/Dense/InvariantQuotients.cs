using Symbolic.Differentiation;
using Symbolic.Graph;

namespace Symbolic.Dense;

/// <summary>
/// Part of <c>plan-scatters</c> (IR → IR): in an element scatter's adjoint, a quotient <c>(a·b)/c</c> where <c>a</c> reads
/// a loop index that <c>b</c> and <c>c</c> do not becomes <c>a·(b/c)</c>, so the loop over that index divides once, before
/// it (a loop invariant), instead of at every element: a filtered logistic row's <c>g[j] += (X[i][j]·e)/(1 + e)</c>.
/// </summary>
/// <remarks>
/// The simplifier's product normal form flattens an unshared product into one quotient; this regrouping is applied
/// once, to the scatters only, after simplification (the result is not normalised again). It changes the rounding of
/// each such term by at most an ulp or two (one rounding of b/c instead of one of a·b).
/// </remarks>
internal static class InvariantQuotients
{
    /// <summary>The scatters with each such quotient regrouped.</summary>
    public static List<Scatter> Apply(NodeGraph g, IReadOnlyList<Scatter> scatters)
    {
        if (!g.HasLoops || scatters.Count == 0) return [.. scatters];
        // Folds are kept as they are (plan-folds planned their storage by node), and nothing below them is looked at.
        var reachable = GraphTraversal.Reachable(scatters.Select(s => s.Adjoint), IsFold);
        var rewritten = new Dictionary<Node, Node>(reachable.Count);
        foreach (var node in reachable)
        {
            var current = !IsFold(node) && ChildChanged(node, rewritten) ? g.Rebuild(node, i => rewritten[node.Children[i]]) : node;
            if (current is BinaryNode { Op: BinaryOp.Divide, Left: BinaryNode { Op: BinaryOp.Multiply } product, Right: var divisor } && divisor is not ConstantNode)
                current = Regrouped(g, product.Left, product.Right, divisor) ?? Regrouped(g, product.Right, product.Left, divisor) ?? current;
            rewritten[node] = current;
        }
        return [.. scatters.Select(s => s with { Adjoint = rewritten[s.Adjoint] })];
    }

    private static bool IsFold(Node node) => node is StateLoopNode or FoldReadNode;

    private static bool ChildChanged(Node node, Dictionary<Node, Node> rewritten)
    {
        foreach (var child in node.Children)
            if (!ReferenceEquals(rewritten[child], child)) return true;
        return false;
    }

    /// <summary><c>a·(b/c)</c> when <c>a</c> reads an index neither <c>b</c> nor <c>c</c> reads, and they read none it does not.</summary>
    private static Node? Regrouped(NodeGraph g, Node a, Node b, Node c)
    {
        var rest = b.FreeIndices.Union(c.FreeIndices).ToList();
        return a.FreeIndices.Any(index => !rest.Contains(index)) && rest.All(a.FreeIndices.Contains) ? g.Multiply(a, g.Divide(b, c)) : null;
    }
}
