using System.Linq.Expressions;

namespace Symbolic.Graph;

/// <summary>
/// A stored state of a fold (or an adjoint of its reverse sweep) read after the loop: <c>States[Position]</c>.
/// The fold's final state (what <c>Aggregate</c> returns) is row Count; reverse mode reads the other rows.
/// </summary>
internal sealed class FoldReadNode : Node
{
    private readonly Node[] _children;
    internal FoldReadNode(int id, StateLoopNode fold, Expression position) : base(id) => (_children, Position) = ([fold], position);

    /// <summary>The fold whose buffer is read.</summary>
    public StateLoopNode Fold => (StateLoopNode)_children[0];

    /// <summary>The position in the buffer (an int expression; may read loop indices).</summary>
    public Expression Position { get; }

    public override ReadOnlySpan<Node> Children => _children;
}
