using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// The block-rows pass: finds the loops over rows whose rows compute exp-like functions (exp, log, tanh …:
/// a logistic or softplus loss, its adjoint factor) or conditionals (hinge, Huber: selected over the block,
/// <see cref="BlockSelections"/>) of values that depend on the row only, and plans them to
/// run in blocks of rows (<see cref="RowBlockRule"/>). The emitter (<see cref="BlockedLoop"/>) then computes each
/// block in phases: the scalar work of every row of the block up to a map, the map over the whole block as one
/// vectorised call (<see cref="Runtime.RowMaps.Unary(int, double[], int, double[], int, int)"/>), the next phase, and so on; the rows' dot products and
/// gradient scatters stay in the phases, so a block's rows are read while they are in cache.
/// </summary>
/// <remarks>
/// Only top-level loops are blocked (the emitter checks), and a loop whose rows turn out not to split (a map
/// under a conditional, a non-double value crossing a map) keeps the row-by-row loop: blocking is never a
/// different program, only a different order of the same per-row operations and vectorised exp-like functions
/// (within a few ulps of the scalar ones).
/// </remarks>
internal static class RowBlocking
{
    /// <summary>Whether rows of <paramref name="op"/> are worth a vectorised map: exp-like and mapped by <see cref="Runtime.RowMaps"/>.</summary>
    public static bool IsMapped(UnaryOp op) => RowCostRule.IsTranscendental(op) && RowOperations.Of(op) is not null && op is not (UnaryOp.Sin or UnaryOp.Cos);

    /// <summary>The plan for the loops that compute <paramref name="roots"/> in <paramref name="graph"/>.</summary>
    public static RowBlockPlan Plan(NodeGraph graph, IEnumerable<Node> roots)
    {
        var maps = new Dictionary<ParameterExpression, List<Node>>();
        var selections = new Dictionary<ParameterExpression, List<Node>>();
        var reachable = GraphTraversal.Reachable(roots);
        foreach (var node in reachable)
        {
            var found = node switch
            {
                UnaryNode u when IsMapped(u.Op) => maps,
                ConditionalNode => selections,
                _ => null,
            };
            if (found is null || node.FreeIndices is not [var index] || !graph.IsIndex(index)) continue;
            if (!found.TryGetValue(index, out var list)) found[index] = list = [];
            list.Add(node);
        }
        var blocks = new Dictionary<ParameterExpression, RowBlock>();
        foreach (var index in maps.Keys.Union(selections.Keys))
        {
            var count = Runtime.LinqRuntime.Dimension(graph.CountOf(index));
            if (!RowBlockRule.Blocks(count)) continue;
            var mapped = maps.GetValueOrDefault(index) ?? [];
            var selected = selections.GetValueOrDefault(index) ?? [];
            var slot = mapped.Concat(selected).Min(n => n.Id);
            mapped.Sort(static (a, b) => a.Id.CompareTo(b.Id));
            blocks[index] = new RowBlock(graph.CountOf(index), RowBlockRule.RowsFor(graph, index, reachable), slot, [.. mapped.Select(n => ((UnaryNode)n).Op)], selected.Count);
        }
        return new RowBlockPlan(blocks);
    }

    /// <summary>Whether the scheduler of a loop body bound to <paramref name="bound"/> computes <paramref name="node"/> into a local of its own, so the emitter can map it over a block.</summary>
    public static bool IsBlockedMap(RowBlockPlan plan, IReadOnlyList<ParameterExpression> bound, Node node) =>
        bound is [var index] && node is UnaryNode u && IsMapped(u.Op) && u.FreeIndices is [var free] && free == index && plan.Of(index) is not null;
}
