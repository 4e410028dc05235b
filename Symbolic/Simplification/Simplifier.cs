using Symbolic.Graph;
using Symbolic.Simplification.Rules;

namespace Symbolic.Simplification;

/// <summary>
/// The driver: rebuilds the graph bottom-up (id order, no recursion), applies the rules of the chosen
/// level at each node until none applies, and repeats whole passes until the roots stop changing
/// (reference equality: the graph is interned).
/// </summary>
internal static class Simplifier
{
    private const int MaxPasses = 8;
    private const int MaxRewritesPerNode = 16;

    public static IReadOnlyList<Rule> RulesFor(SimplificationLevel level) =>
        [.. AllRules.Where(rule => (int)rule.Class <= (int)level)];

    private static readonly IReadOnlyList<Rule> AllRules = [.. ExactRules.All, .. RoundingRules.All, .. AlgebraicRules.All];

    public static Node[] Simplify(NodeGraph graph, IReadOnlyList<Node> roots, SimplificationLevel level)
    {
        var rules = RulesFor(level);
        var current = roots.ToArray();
        for (var pass = 0; pass < MaxPasses && rules.Count > 0; pass++)
        {
            var next = Pass(graph, current, rules);
            if (next.SequenceEqual(current)) break;
            current = next;
        }
        return current;
    }

    public static Node Simplify(NodeGraph graph, Node root, SimplificationLevel level) => Simplify(graph, [root], level)[0];

    /// <summary>
    /// The roots with every sub-expression that the level's rules reduce to a constant replaced by that
    /// constant, and nothing else changed: at <see cref="SimplificationLevel.Algebraic"/>, <c>x - x</c>, <c>x / x</c> and
    /// <c>0 * f(x)</c> are folded before differentiation, so a derivative through them is exactly zero rather than the
    /// chain rule's 0·∞ = NaN (<c>Math.Sqrt(x - x)</c>). Below that level no rule folds anything the smart
    /// constructors have not already folded, and the roots are returned as they are.
    /// </summary>
    public static Node[] FoldConstants(NodeGraph graph, IReadOnlyList<Node> roots, SimplificationLevel level) =>
        level < SimplificationLevel.Algebraic ? [.. roots] : Pass(graph, [.. roots], RulesFor(level), constantsOnly: true);

    /// <param name="graph">The graph.</param>
    /// <param name="roots">What to rewrite.</param>
    /// <param name="rules">The level's rules.</param>
    /// <param name="constantsOnly">Return the roots with only the sub-expressions whose normal form is a constant replaced.</param>
    private static Node[] Pass(NodeGraph graph, Node[] roots, IReadOnlyList<Rule> rules, bool constantsOnly = false)
    {
        var reachable = GraphTraversal.Reachable(roots);
        var uses = GraphTraversal.UseCounts(reachable, roots);
        var parents = SoleParents(reachable);
        var rewritten = new Dictionary<Node, Node>();
        var folded = constantsOnly ? new Dictionary<Node, Node>() : null;
        foreach (var node in reachable)
        {
            var context = new RewriteContext(graph, uses, uses[node] == 1 && parents.TryGetValue(node, out var parent) && SameFamily(node, parent));
            var current = Rebuild(graph, node, rewritten);
            if (!uses.ContainsKey(current)) uses[current] = uses[node];
            for (var i = 0; i < MaxRewritesPerNode; i++)
            {
                var replacement = rules.Select(rule => rule.Apply(context, current)).FirstOrDefault(r => r is not null && r != current);
                if (replacement is null) break;
                if (!uses.ContainsKey(replacement)) uses[replacement] = uses[node];
                current = replacement;
            }
            rewritten[node] = current;
            if (current != node && graph.PrimalOf(node) is { } primal) graph.NoteAdjoint(current, primal);
            // Constant-ness is decided on the normal form (w·v − v·w cancels only once both products are sorted);
            // what is kept is the node itself, over its folded children.
            if (folded is not null) folded[node] = current is ConstantNode ? current : graph.Rebuild(node, i => folded[node.Children[i]]);
        }
        return [.. roots.Select(r => (folded ?? rewritten)[r])];
    }

    private static Dictionary<Node, Node> SoleParents(List<Node> reachable)
    {
        var parents = new Dictionary<Node, Node>();
        foreach (var node in reachable)
            foreach (var child in node.Children) parents[child] = node;
        return parents;
    }

    private static bool SameFamily(Node child, Node parent) => (Family(child), Family(parent)) switch
    {
        (0, _) => false,
        var (a, b) => a == b || parent is UnaryNode { Op: UnaryOp.Negate },
    };

    // 1: sums, 2: products, 0: neither.
    private static int Family(Node node) => node switch
    {
        BinaryNode { Op: BinaryOp.Add or BinaryOp.Subtract } => 1,
        BinaryNode { Op: BinaryOp.Multiply or BinaryOp.Divide } => 2,
        _ => 0,
    };

    /// <summary>The same operation over the rewritten children, through the smart constructors.</summary>
    private static Node Rebuild(NodeGraph g, Node node, Dictionary<Node, Node> rewritten) => g.Rebuild(node, i => rewritten[node.Children[i]]);
}
