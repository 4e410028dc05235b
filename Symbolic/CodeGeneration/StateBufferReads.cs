using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// The reads of a fold's buffer of states (or of its reverse sweep's adjoints) inside its own step that cannot
/// throw: row t or t + 1 of a buffer of (Count + 1) rows, at a component the step knows to be in range (a
/// constant below the width, or the step's component index). Such a read is no guarded array access, so it
/// may be computed once where several branches use it (a tuple state's components, <c>s == 0 ? e0 : e1</c>)
/// and hoisted out of the component loop, instead of being written out again at each use.
/// </summary>
internal sealed class StateBufferReads
{
    private readonly Dictionary<ParameterExpression, StateLoopNode> _loops;

    private StateBufferReads(Dictionary<ParameterExpression, StateLoopNode> loops) => _loops = loops;

    /// <summary>No buffers: every read may throw.</summary>
    public static readonly StateBufferReads None = new([]);

    /// <summary>The buffers of the folds and sweeps <paramref name="roots"/> reach.</summary>
    public static StateBufferReads Of(IEnumerable<Node> roots)
    {
        var loops = new Dictionary<ParameterExpression, StateLoopNode>();
        foreach (var node in GraphTraversal.Reachable(roots))
            if (node is StateLoopNode loop) loops.TryAdd(loop.States, loop);
        return loops.Count == 0 ? None : new StateBufferReads(loops);
    }

    /// <summary>Whether <paramref name="read"/> is a read of row t or t + 1 of a state buffer at a component in range.</summary>
    public bool InRange(IndexedElementNode read)
    {
        if (!_loops.TryGetValue(read.Array, out var loop) || loop.Width is not ConstantExpression { Value: int width }) return false;
        var (row, component) = Split(read.Index, width);
        return row is not null && IsStepRow(row, loop.Index) && component switch
        {
            null => true,
            ConstantExpression { Value: int k } => k >= 0 && k < width,
            _ => component == loop.Component,
        };
    }

    /// <summary>The row and component of a position written as <see cref="StateLoopNode.Position"/> writes it (component null: 0).</summary>
    private static (Expression? Row, Expression? Component) Split(Expression position, int width)
    {
        // A scalar state's position is its row.
        if (width == 1) return (position, null);
        return position switch
        {
            BinaryExpression { NodeType: ExpressionType.Add, Left: BinaryExpression { NodeType: ExpressionType.Multiply, Right: ConstantExpression { Value: int w } } start } sum
                when w == width => (start.Left, sum.Right),
            BinaryExpression { NodeType: ExpressionType.Multiply, Right: ConstantExpression { Value: int w } } start when w == width => (start.Left, null),
            _ => (null, null),
        };
    }

    private static bool IsStepRow(Expression row, ParameterExpression index) =>
        row == index || row is BinaryExpression { NodeType: ExpressionType.Add, Left: var left, Right: ConstantExpression { Value: 1 } } && left == index;
}
