using System.Linq.Expressions;

namespace Symbolic.Graph;

/// <summary>
/// s₀ = Seed, s_{t+1} = Step(s_t, t) for t = 0 … Count − 1, every state stored: the lowering of LINQ's
/// <c>Aggregate</c>. <see cref="Seed"/> reads <see cref="SeedComponent"/> (the component it defines);
/// <see cref="Step"/> reads <see cref="StateLoopNode.Index"/> and <see cref="StateLoopNode.Component"/>, and
/// the previous state as <see cref="IndexedElementNode"/>s of <see cref="StateLoopNode.States"/> at row t (its
/// state leaves). Emitted as a loop, never unrolled; reverse mode runs a <see cref="ReverseFoldNode"/> over the
/// stored states.
/// </summary>
internal sealed class FoldNode : StateLoopNode
{
    private readonly Node[] _children;

    internal FoldNode(int id, ParameterExpression states, ParameterExpression index, Expression count, ParameterExpression component,
        Expression width, ParameterExpression seedComponent, Node seed, Node step)
        : base(id, states, index, count, component, width) => (SeedComponent, _children) = (seedComponent, [seed, step]);

    /// <summary>The component index the seed reads (declared outside the steps' loop).</summary>
    public ParameterExpression SeedComponent { get; }

    /// <summary>The initial state's component <see cref="SeedComponent"/>.</summary>
    public Node Seed => _children[0];

    /// <summary>The next state's component <see cref="StateLoopNode.Component"/> at step <see cref="StateLoopNode.Index"/>.</summary>
    public Node Step => _children[1];

    public override ReadOnlySpan<Node> Children => _children;
}
