using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.Differentiation;

/// <summary>
/// Reverse mode through a fold. The forward loop stores every state; the backward sweep is a
/// <see cref="ReverseFoldNode"/> that runs the steps in reverse, λ_t = (∂step/∂s_t)ᵀ λ_{t+1}, where the step's
/// adjoint is built once, symbolically, by reverse mode over the step's body (not per step: loops stay loops).
/// What the step reads from outside (parameters, data, values computed before the loop) gets
/// Σ_t λ_{t+1} · ∂step/∂input — a sum over the steps that reads the stored states and adjoints, so it is a
/// loop too. The seed gets λ_0. Memory: (T + 1) × width doubles for each of the two sweeps.
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

        // The step's body: the nodes that read the previous state, and what they read from outside it.
        var (_, leaves, inputs) = FoldRegion.Of(fold);
        var outside = inputs.Where(isActive).ToList();

        var (inputAdjoints, stateScatters) = ReverseAccumulator.Backpropagate(g, [(fold.Step, next)], outside, leaves);

        // In the backward loop the step's body reads the stored states; after it, the stored adjoints too.
        var inLoop = new Dictionary<Node, Node>();
        Node? ForwardStates(Node leaf) => leaf is IndexedElementNode e && e.Array == fold.States ? g.FoldRead(fold, e.Index) : null;
        var stepScatters = stateScatters.Select(s => (g.IndexedElement(adjoints, s.Element.Index), LeafSubstitution.Apply(g, s.Adjoint, ForwardStates, inLoop))).ToList();
        var seedScatters = finals.Select(f => (g.IndexedElement(adjoints, f.Position), f.Adjoint)).ToList();
        var reverse = g.ReverseFold(fold, adjoints, seedScatters, stepScatters);

        var after = new Dictionary<Node, Node>();
        Node? Stored(Node leaf) => leaf is IndexedElementNode e && e.Array == adjoints ? g.FoldRead(reverse, e.Index) : ForwardStates(leaf);
        if (isActive(fold.Seed))
        {
            var first = g.FoldRead(reverse, Component(fold.SeedComponent));
            contribute(fold.Seed, ReverseAccumulator.SummedOver(g, first, fold.Seed, first));
        }
        for (var k = 0; k < outside.Count; k++)
            if (inputAdjoints[k] is not ConstantNode { Value: 0 }) contribute(outside[k], LeafSubstitution.Apply(g, inputAdjoints[k], Stored, after));
    }
}
