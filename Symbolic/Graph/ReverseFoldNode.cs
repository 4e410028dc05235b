using System.Linq.Expressions;

namespace Symbolic.Graph;

/// <summary>
/// The backward sweep of a <see cref="FoldNode"/>: the adjoints of its states, λ_t = (∂s_{t+1}/∂s_t)ᵀ λ_{t+1},
/// for t = Count − 1 down to 0, in <see cref="StateLoopNode.States"/> (same row layout as the fold's), followed by
/// <see cref="AccumulatorSlots"/> accumulators from <see cref="AccumulatorBase"/> on: the adjoints of what the step
/// reads from outside, Σ_t λ_{t+1} · ∂step/∂input, added to at each step. Row Count is the sum of
/// <see cref="SeedScatters"/> (the adjoints of the fold's final state); at step t, <see cref="StepScatters"/> add the
/// step's own reverse-mode derivative into row t (reading row t + 1 as its state leaves and the fold's stored states)
/// and into the accumulators. All are scatters (<c>States[Element.Index] += Adjoint</c>) over the loops of
/// <see cref="Loops"/> that their indices read.
/// </summary>
internal sealed class ReverseFoldNode : StateLoopNode
{
    private readonly Node[] _children;

    internal ReverseFoldNode(int id, ParameterExpression states, ParameterExpression index, Expression count, ParameterExpression component,
        Expression width, IReadOnlyList<(IndexedElementNode Element, Node Adjoint)> seedScatters,
        IReadOnlyList<(IndexedElementNode Element, Node Adjoint)> stepScatters, IReadOnlyList<(ParameterExpression Index, Expression Count, int Depth)> loops)
        : base(id, states, index, count, component, width)
    {
        (SeedScatters, StepScatters, Loops) = (seedScatters, stepScatters, loops);
        _children = [.. seedScatters.Select(s => s.Adjoint), .. stepScatters.Select(s => s.Adjoint)];
    }

    /// <summary>Adjoints of the fold's final state, added into row Count.</summary>
    public IReadOnlyList<(IndexedElementNode Element, Node Adjoint)> SeedScatters { get; }

    /// <summary>Adjoints of the state on entry to step t, added into row t, and the step's terms of the accumulators.</summary>
    public IReadOnlyList<(IndexedElementNode Element, Node Adjoint)> StepScatters { get; }

    /// <summary>Every loop index the scatters read, with its count and nesting depth.</summary>
    public IReadOnlyList<(ParameterExpression Index, Expression Count, int Depth)> Loops { get; }

    /// <summary>The indices of <see cref="Loops"/> the sweep binds: all but those of the loops it lives in.</summary>
    public required IReadOnlySet<ParameterExpression> Binds { get; init; }

    /// <summary>
    /// The position of the first accumulator (an int expression; accumulator j is at <c>AccumulatorBase + j</c>, written
    /// with this very expression object, so a layout pass can tell accumulators from rows).
    /// </summary>
    public required Expression AccumulatorBase { get; init; }

    /// <summary>The number of accumulators (an int expression that reads no loop index; 0 if none).</summary>
    public required Expression AccumulatorSlots { get; init; }

    /// <summary>Whether <paramref name="position"/> (a position in <see cref="StateLoopNode.States"/>) is an accumulator's, <c>AccumulatorBase + slot</c>.</summary>
    public bool IsAccumulator(Expression position, out Expression slot)
    {
        slot = position is BinaryExpression { NodeType: ExpressionType.Add } add && ReferenceEquals(add.Left, AccumulatorBase) ? add.Right : position;
        return !ReferenceEquals(slot, position);
    }

    public override ReadOnlySpan<Node> Children => _children;
}
