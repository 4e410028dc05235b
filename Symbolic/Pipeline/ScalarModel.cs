using System.Linq.Expressions;
using Symbolic.Graph;
using Symbolic.Lowering;
using Symbolic.Simplification;

namespace Symbolic.Pipeline;

/// <summary>
/// A scalar function of x, lowered: its value, its variables (the elements of x it reads at constant
/// indexes) and the elements it reads at loop-dependent indexes (LINQ models).
/// </summary>
internal sealed record ScalarModel(NodeGraph Graph, ParameterExpression X, Node Value, IReadOnlyList<ElementNode> Variables, IReadOnlyList<IndexedElementNode> IndexedVariables)
{
    public bool HasLoops => IndexedVariables.Count > 0;

    /// <summary>Any LINQ loop at all: entries are then added, and bounds-checked (a loop may read nothing).</summary>
    public bool HasSums => IndexedVariables.Count > 0 || Graph.HasLoops;

    /// <summary>
    /// The frontend (its pre-passes, then lowering) and constant folding: f as IR over the elements of its first
    /// parameter, read with the context's rules and hooks. Each step's output goes to <paramref name="trace"/> when given.
    /// </summary>
    public static ScalarModel Lower(CompilationContext context, LambdaExpression f, PassTrace? trace = null)
    {
        var x = f.Parameters[0];
        var body = FrontendPasses.Run(f.Body, context.Frontend, trace is null ? null : (pass, output) => trace.Record(pass, Diagnostics.ExpressionQuoter.Quote(output)));
        var graph = new NodeGraph(ElementType.Of(f.ReturnType) ?? ElementType.Double);
        // Inline expansion of user functions happens inside lowering, call by call (it needs the rules).
        var lowered = ExpressionLowerer.LowerPrepared(graph, body, context.Frontend, new HashSet<ParameterExpression> { x });
        trace?.Record("lower", GraphDump.Of([lowered], ["value"]));
        var value = Simplifier.FoldConstants(graph, [lowered], SimplificationLevel.Algebraic)[0];
        trace?.Record("fold-constants", GraphDump.Of([value], ["value"]));
        return Of(graph, x, value);
    }

    /// <summary>The model whose value is <paramref name="value"/> (its variables read off the IR).</summary>
    public static ScalarModel Of(NodeGraph graph, ParameterExpression x, Node value)
    {
        var reachable = GraphTraversal.Reachable([value]);
        var variables = reachable.OfType<ElementNode>().Where(e => e.Array == x).OrderBy(e => e.Index).ToList();
        var indexed = reachable.OfType<IndexedElementNode>().Where(e => e.Array == x).ToList();
        return new ScalarModel(graph, x, value, variables, indexed);
    }
}
