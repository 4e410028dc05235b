using System.Linq.Expressions;

namespace Symbolic.Graph;

/// <summary>
/// The backward sweep of a <see cref="FoldNode"/>: the adjoints of its states, λ_t = (∂s_{t+1}/∂s_t)ᵀ λ_{t+1},
/// for t = Count − 1 down to 0, every one stored in <see cref="StateLoopNode.States"/> (same layout as the fold's).
/// Row Count is the sum of <see cref="SeedScatters"/> (the adjoints of the fold's final state); at step t, row t
/// is the sum of <see cref="StepScatters"/>, the step's own reverse-mode derivative, which reads row t + 1 as
/// its state leaves and the fold's stored states. Both are scatters (<c>States[Element.Index] += Adjoint</c>)
/// over the loops of <see cref="Loops"/> that their indices read.
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

    /// <summary>Adjoints of the state on entry to step t, added into row t.</summary>
    public IReadOnlyList<(IndexedElementNode Element, Node Adjoint)> StepScatters { get; }

    /// <summary>Every loop index the scatters read, with its count and nesting depth.</summary>
    public IReadOnlyList<(ParameterExpression Index, Expression Count, int Depth)> Loops { get; }

    /// <summary>The indices of <see cref="Loops"/> the sweep binds: all but those of the loops it lives in.</summary>
    public required IReadOnlySet<ParameterExpression> Binds { get; init; }

    public override ReadOnlySpan<Node> Children => _children;
}
