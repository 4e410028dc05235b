using System.Linq.Expressions;

namespace Symbolic.Graph;

/// <summary>The factories of loops that carry a state (<see cref="FoldNode"/>, <see cref="ReverseFoldNode"/>) and of their reads.</summary>
internal sealed partial class NodeGraph
{
    /// <summary>A fold: <paramref name="seed"/> (reading <paramref name="seedComponent"/>) then <paramref name="count"/> steps of <paramref name="step"/>.</summary>
    public FoldNode Fold(ParameterExpression states, ParameterExpression index, Expression count, ParameterExpression component, Expression width,
        ParameterExpression seedComponent, Node seed, Node step) =>
        (FoldNode)Intern(new NodeKey(NodeKind.Fold, 0, 0, seed.Id, step.Id, Reference: states),
            id => new FoldNode(id, states, index, count, component, width, seedComponent, seed, step));

    /// <summary>
    /// The backward sweep of <paramref name="fold"/> into <paramref name="states"/>: it binds the fold's step index
    /// and every other index its scatters read that the fold itself does not (the loops it lives in stay free).
    /// Its accumulators start at <paramref name="accumulatorBase"/> (after the rows); there are <paramref name="accumulatorSlots"/>.
    /// </summary>
    public ReverseFoldNode ReverseFold(FoldNode fold, ParameterExpression states,
        IReadOnlyList<(IndexedElementNode Element, Node Adjoint)> seedScatters, IReadOnlyList<(IndexedElementNode Element, Node Adjoint)> stepScatters,
        Expression accumulatorBase, Expression accumulatorSlots) =>
        ReverseFold(fold, fold.FreeIndices, states, seedScatters, stepScatters, accumulatorBase, accumulatorSlots);

    /// <summary>A sweep over the same steps as <paramref name="sweep"/> (its tangent), living in the same loops, with accumulators at the same positions.</summary>
    public ReverseFoldNode ReverseFold(ReverseFoldNode sweep, ParameterExpression states,
        IReadOnlyList<(IndexedElementNode Element, Node Adjoint)> seedScatters, IReadOnlyList<(IndexedElementNode Element, Node Adjoint)> stepScatters) =>
        ReverseFold(sweep, sweep.FreeIndices, states, seedScatters, stepScatters, sweep.AccumulatorBase, sweep.AccumulatorSlots);

    /// <summary><paramref name="sweep"/> with other scatters (the same buffer and loops): a layout of its buffer.</summary>
    public ReverseFoldNode ReverseFold(ReverseFoldNode sweep,
        IReadOnlyList<(IndexedElementNode Element, Node Adjoint)> seedScatters, IReadOnlyList<(IndexedElementNode Element, Node Adjoint)> stepScatters, Expression accumulatorBase) =>
        ReverseFold(sweep, sweep.FreeIndices, sweep.States, seedScatters, stepScatters, accumulatorBase, sweep.AccumulatorSlots);

    private ReverseFoldNode ReverseFold(StateLoopNode shape, IReadOnlyList<ParameterExpression> outer, ParameterExpression states,
        IReadOnlyList<(IndexedElementNode Element, Node Adjoint)> seedScatters, IReadOnlyList<(IndexedElementNode Element, Node Adjoint)> stepScatters,
        Expression accumulatorBase, Expression accumulatorSlots)
    {
        var all = seedScatters.Concat(stepScatters).ToList();
        var read = all.SelectMany(s => s.Element.FreeIndices.Concat(s.Adjoint.FreeIndices)).Distinct().OrderBy(DepthOf).ToList();
        var loops = read.Select(i => (i, CountOf(i), DepthOf(i))).ToList();
        var binds = read.Where(i => !outer.Contains(i)).Append(shape.Index).ToHashSet();
        var key = string.Join(",", all.Select(s => $"{s.Element.Id}:{s.Adjoint.Id}"));
        return (ReverseFoldNode)Intern(new NodeKey(NodeKind.ReverseFold, seedScatters.Count, 0, Reference: (states, key)),
            id => new ReverseFoldNode(id, states, shape.Index, shape.Count, shape.Component, shape.Width, seedScatters, stepScatters, loops)
            {
                Binds = binds, AccumulatorBase = accumulatorBase, AccumulatorSlots = accumulatorSlots,
            });
    }

    /// <summary>The loop <paramref name="index"/>'s loop is nested in, if any.</summary>
    public ParameterExpression? EnclosingOf(ParameterExpression index) => _indices[index].Enclosing;

    /// <summary><c>fold.States[position]</c>, read after the loop.</summary>
    public FoldReadNode FoldRead(StateLoopNode fold, Expression position) =>
        (FoldReadNode)Intern(new NodeKey(NodeKind.FoldRead, 0, 0, fold.Id, Reference: StructuralKey.For(position)), id => new FoldReadNode(id, fold, position));

    private Node RebuildFold(Node node, Func<int, Node> child) => node switch
    {
        FoldNode f => Fold(f.States, f.Index, f.Count, f.Component, f.Width, f.SeedComponent, child(0), child(1)),
        ReverseFoldNode b => ReverseFold(b,
            [.. b.SeedScatters.Select((s, k) => (s.Element, child(k)))],
            [.. b.StepScatters.Select((s, k) => (s.Element, child(b.SeedScatters.Count + k)))], b.AccumulatorBase),
        FoldReadNode r => FoldRead((StateLoopNode)child(0), r.Position),
        _ => throw new InvalidOperationException($"{node.GetType().Name} is not a fold."),
    };
}
