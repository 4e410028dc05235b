using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.Differentiation;

/// <summary>
/// Reverse mode through materialised matrices. Their adjoints are matrices too: the adjoint of C = op(A)·op(B)
/// gives A and B the products dC·op(B)ᵀ and op(A)ᵀ·dC (the same kernel again), a grid passes dT[r, c]
/// to its body at (r, c), and the reads of T inside loops gather their per-iteration adjoints into dT.
/// </summary>
internal static class TensorAdjoints
{
    public static bool Handles(Node node) => node is TensorNode or TensorReadNode;

    /// <summary>Pushes a matrix node's (or a matrix read's) adjoint to its active children through <paramref name="contribute"/>.</summary>
    public static void Propagate(NodeGraph g, Node node, Node adjoint, Func<Node, bool> isActive, Action<Node, Node> contribute)
    {
        switch (node)
        {
            case TensorReadNode read when isActive(read.Tensor):
                contribute(read.Tensor, Gathered(g, read, adjoint));
                break;
            case GridNode grid when isActive(grid.Body):
                var cell = g.TensorRead((TensorNode)adjoint, grid.Row, grid.Column);
                contribute(grid.Body, ReverseAccumulator.SummedOver(g, grid, grid.Body, cell));
                break;
            case MatMulNode m:
                var d = (TensorNode)adjoint;
                // C = op(A)·op(B): d op(A) = dC·op(B)ᵀ and d op(B) = op(A)ᵀ·dC, transposed back where A or B was.
                if (isActive(m.Left))
                    contribute(m.Left, m.TransposeLeft ? g.MatMul(m.Right, m.TransposeRight, d, true) : g.MatMul(d, false, m.Right, !m.TransposeRight));
                if (isActive(m.Right))
                    contribute(m.Right, m.TransposeRight ? g.MatMul(d, true, m.Left, m.TransposeLeft) : g.MatMul(m.Left, !m.TransposeLeft, d, false));
                break;
            case TensorAddNode add:
                if (isActive(add.Left)) contribute(add.Left, adjoint);
                if (isActive(add.Right)) contribute(add.Right, adjoint);
                break;
        }
    }

    /// <summary>
    /// dT[r, c] = Σ of the read's adjoint over every iteration that reads T[r, c]: the adjoint added into
    /// its cell by the loops the read sits in, so that values those loops compute once per row (a softmax's
    /// normaliser) are computed once per row here too.
    /// </summary>
    /// <remarks>A read of a one-column matrix writes column 0, through an index of range 1 that nothing else reads.</remarks>
    private static GridNode Gathered(NodeGraph g, TensorReadNode read, Node adjoint) =>
        g.Grid(read.Row, read.Column ?? g.GridIndex(1, read.Row, Expression.Constant(1)), adjoint);
}
