using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.Differentiation;

/// <summary>
/// Reverse mode through a fold. The forward loop stores the states; the backward sweep is a
/// <see cref="ReverseFoldNode"/> that runs the steps in reverse, λ_t = (∂step/∂s_t)ᵀ λ_{t+1}, where the step's
/// adjoint is built once, symbolically, by reverse mode over the step's body (not per step: loops stay loops).
/// What the step reads from outside (parameters, values computed before the loop) gets Σ_t λ_{t+1} · ∂step/∂input,
/// accumulated inside the sweep (<see cref="FoldAccumulators"/>), so after the sweep only λ_0 and the accumulators are
/// read and its rows can be kept two at a time. An input read at the step index (x[t]) gets its adjoint per step, read
/// after the sweep from the stored rows. The seed gets λ_0.
/// </summary>
internal static class FoldAdjoint
{
    /// <summary>
    /// Contributes the fold's derivative to the nodes it reads, given the adjoints of the final state read at
    /// <paramref name="finals"/> (positions in the fold's buffer).
    /// </summary>
    public static void Propagate(NodeGraph g, FoldNode fold, IReadOnlyList<(Expression Position, Node Adjoint)> finals,
        Func<Node, bool> isActive, Action<Node, Node> contribute)
    {
        var adjoints = Expression.Parameter(typeof(double[]), "adjoints");
        var scalar = fold.Width is ConstantExpression { Value: 1 };
        Expression Component(ParameterExpression component) => scalar ? Expression.Constant(0) : component;
        // λ_{t+1}[s], summed over s if the step builds every component alike (reads no s).
        Node next = g.IndexedElement(adjoints, fold.At(Expression.Add(fold.Index, Expression.Constant(1)), Component(fold.Component)));
        next = ReverseAccumulator.SummedOver(g, next, fold.Step, next);

        // The step's body: the nodes that read the previous state, and what they read from outside it; the inputs the
        // sweep accumulates are seen through proxies, whose adjoints come back per step.
        var (_, leaves, inputs) = FoldRegion.Of(fold);
        var outside = inputs.Where(isActive).ToList();
        var accumulated = FoldAccumulators.Of(g, fold, outside, isActive);
        var proxied = new Dictionary<Node, Node>();
        foreach (var (input, proxy, _, _, _) in accumulated.Inputs) proxied[input] = proxy;
        var step = LeafSubstitution.Apply(g, fold.Step, _ => null, new Dictionary<Node, Node>(proxied));
        var summed = accumulated.Summed;

        var (inputAdjoints, scatters) = ReverseAccumulator.Backpropagate(g, [(step, next)], summed, [.. leaves, .. accumulated.Inputs.Select(a => a.Proxy)]);

        // In the backward loop the step's body reads the stored states and the inputs themselves; after it, the stored adjoints too.
        var inputOf = accumulated.Inputs.ToDictionary(a => (Node)a.Proxy, a => a.Input);
        var slotOf = accumulated.Inputs.ToDictionary(a => (Node)a.Proxy, a => a.Slot);
        var inLoop = new Dictionary<Node, Node>();
        Node? ForwardStates(Node leaf) => inputOf.GetValueOrDefault(leaf) ?? (leaf is IndexedElementNode e && e.Array == fold.States ? g.FoldRead(fold, e.Index) : null);
        // The accumulators follow the rows: at (T + 1)·W, until the plan-folds pass moves them after two rows.
        var rows = Expression.Multiply(Expression.Add(Runtime.LinqRuntime.Inline(fold.Count), Expression.Constant(1)), fold.Width);
        IndexedElementNode Target(IndexedElementNode element) =>
            slotOf.TryGetValue(element, out var slot) ? g.IndexedElement(adjoints, Expression.Add(rows, slot)) : g.IndexedElement(adjoints, element.Index);
        var stepScatters = scatters.Select(s => (Target(s.Element), LeafSubstitution.Apply(g, s.Adjoint, ForwardStates, inLoop))).ToList();
        var seedScatters = finals.Select(f => (g.IndexedElement(adjoints, f.Position), f.Adjoint)).ToList();
        var reverse = g.ReverseFold(fold, adjoints, seedScatters, stepScatters, rows, accumulated.Slots);

        var after = new Dictionary<Node, Node>();
        Node? Stored(Node leaf) => leaf is IndexedElementNode e && e.Array == adjoints ? g.FoldRead(reverse, e.Index) : ForwardStates(leaf);
        if (isActive(fold.Seed))
        {
            var first = g.FoldRead(reverse, Component(fold.SeedComponent));
            contribute(fold.Seed, ReverseAccumulator.SummedOver(g, first, fold.Seed, first));
        }
        var reached = scatters.Select(s => (Node)s.Element).ToHashSet();
        // An element read in the step's loops receives its total at loop indices of its own (see FoldAccumulators).
        foreach (var (_, proxy, _, receiver, slot) in accumulated.Inputs)
            if (reached.Contains(proxy))
            {
                var total = g.FoldRead(reverse, Expression.Add(rows, slot));
                contribute(receiver, ReverseAccumulator.SummedOver(g, total, receiver, total));
            }
        for (var k = 0; k < summed.Count; k++)
            if (inputAdjoints[k] is not ConstantNode { Value: 0 }) contribute(summed[k], LeafSubstitution.Apply(g, inputAdjoints[k], Stored, after));
    }
}
