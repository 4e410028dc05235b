using System.Linq.Expressions;
using Symbolic.Differentiation;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>Scattered adjoints grouped by the loop that writes them, and the tests that guard a direct write.</summary>
internal static class ScatterGrouping
{
    /// <summary>Scattered adjoints grouped by the outermost loop index not bound here (null: none, write directly), in first-seen order.</summary>
    public static List<(ParameterExpression? Index, List<Scatter> Scatters)> Groups(ScatterPlan plan, IReadOnlySet<ParameterExpression> bound)
    {
        var groups = new List<(ParameterExpression? Index, List<Scatter> Scatters)>();
        foreach (var scatter in plan.Scatters)
        {
            var indices = GraphTraversal.LoopNesting([.. scatter.Element.FreeIndices.Union(scatter.Adjoint.FreeIndices).Where(i => !bound.Contains(i))], plan.DepthOf);
            var outermost = indices.Count == 0 ? null : indices[0];
            var group = groups.FindIndex(g => g.Index == outermost);
            if (group < 0) groups.Add((outermost, [scatter]));
            else groups[group].Scatters.Add(scatter);
        }
        return groups;
    }

    /// <summary>
    /// The tests under which a scattered adjoint is not zero (a Where filter, a conditional): the write
    /// itself must be guarded, since the index may be out of range where the filter excludes it
    /// (<c>where i % 2 == 0 select x[i + 1]</c>).
    /// </summary>
    public static List<(Node Test, bool WhenTrue)> Guards(Node adjoint)
    {
        var guards = new List<(Node, bool)>();
        while (adjoint is ConditionalNode c && (c.IfFalse is ConstantNode { Value: 0 } || c.IfTrue is ConstantNode { Value: 0 }))
        {
            var whenTrue = c.IfFalse is ConstantNode { Value: 0 };
            guards.Add((c.Test, whenTrue));
            adjoint = whenTrue ? c.IfTrue : c.IfFalse;
        }
        return guards;
    }
}
