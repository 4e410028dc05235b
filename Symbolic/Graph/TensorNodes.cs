using System.Linq.Expressions;

namespace Symbolic.Graph;

/// <summary>
/// A matrix computed once, outside every loop, into a buffer (row-major, <see cref="Rows"/> × <see cref="Columns"/>):
/// what a recognised matrix product and its operands become (see the recognition pass, <c>Dense.ProductRecognition</c>).
/// Its value is the buffer; scalar code reads it through <see cref="TensorReadNode"/>. It reads no loop index.
/// </summary>
internal abstract class TensorNode : Node
{
    private protected TensorNode(int id) : base(id) { }

    /// <summary>The number of rows (an integer expression that reads no loop index).</summary>
    public abstract Expression Rows { get; }

    /// <summary>The number of columns.</summary>
    public abstract Expression Columns { get; }
}

/// <summary>
/// T[row, column] = Σ body over the iterations of <see cref="Loops"/> that have those (row, column): a
/// materialised operand of a matrix product (the loops are just the row and the column: a slice of the
/// parameters, a layer's activations), or the adjoint of a matrix gathered from the loops that read it
/// (the loops the read sits in, every per-iteration contribution added to its cell).
/// </summary>
internal sealed class GridNode : TensorNode
{
    private readonly Node[] _children;

    internal GridNode(int id, ParameterExpression row, ParameterExpression column, Expression rows, Expression columns, Node body,
        IndexedElementNode cell, IReadOnlyList<(ParameterExpression Index, Expression Count)> loops) : base(id)
    {
        (Row, Column, Rows, Columns, Cell, Loops) = (row, column, rows, columns, cell, loops);
        _children = [body];
    }

    /// <summary>The index that selects the row of the cell written.</summary>
    public ParameterExpression Row { get; }

    /// <summary>The index that selects the column.</summary>
    public ParameterExpression Column { get; }

    public override Expression Rows { get; }
    public override Expression Columns { get; }

    public Node Body => _children[0];

    /// <summary>The loops that fill the grid, outermost first: every index the body or the cell reads.</summary>
    public IReadOnlyList<(ParameterExpression Index, Expression Count)> Loops { get; }

    /// <summary>Whether the grid is just its two indices (each cell written once): an operand, possibly a view.</summary>
    public bool IsElementwise => Loops.Count == 2;

    /// <summary>The element written: <c>Target[Row * Columns + Column] += Body</c>, so the grid is emitted as scatter loops.</summary>
    public IndexedElementNode Cell { get; }

    /// <summary>The buffer the emitted loops write (<see cref="Cell"/>'s array).</summary>
    public ParameterExpression Target => Cell.Array;

    public override ReadOnlySpan<Node> Children => _children;
}

/// <summary>
/// C = op(A)·op(B), op(X) being X or Xᵀ: the matrix product the kernels compute
/// (<see cref="Kernels.MatrixKernel"/>). Its derivative is two more products of the same kind.
/// </summary>
internal sealed class MatMulNode : TensorNode
{
    private readonly Node[] _children;

    internal MatMulNode(int id, TensorNode left, bool transposeLeft, TensorNode right, bool transposeRight) : base(id)
    {
        (TransposeLeft, TransposeRight) = (transposeLeft, transposeRight);
        _children = [left, right];
    }

    public TensorNode Left => (TensorNode)_children[0];
    public TensorNode Right => (TensorNode)_children[1];
    public bool TransposeLeft { get; }
    public bool TransposeRight { get; }

    public override Expression Rows => TransposeLeft ? Left.Columns : Left.Rows;
    public override Expression Columns => TransposeRight ? Right.Rows : Right.Columns;

    /// <summary>The inner dimension (summed over).</summary>
    public Expression Inner => TransposeLeft ? Left.Rows : Left.Columns;

    public override ReadOnlySpan<Node> Children => _children;
}

/// <summary>A + B, elementwise: two contributions to one matrix of adjoints.</summary>
internal sealed class TensorAddNode : TensorNode
{
    private readonly Node[] _children;
    internal TensorAddNode(int id, TensorNode left, TensorNode right) : base(id) => _children = [left, right];
    public TensorNode Left => (TensorNode)_children[0];
    public TensorNode Right => (TensorNode)_children[1];
    public override Expression Rows => Left.Rows;
    public override Expression Columns => Left.Columns;
    public override ReadOnlySpan<Node> Children => _children;
}

/// <summary>
/// T[row, column] inside the loops over the two indices: a scalar read of a materialised matrix; with no
/// column, T[row, 0] of a one-column matrix (a matrix–vector product).
/// </summary>
internal sealed class TensorReadNode : Node
{
    private readonly Node[] _children;
    internal TensorReadNode(int id, TensorNode tensor, ParameterExpression row, ParameterExpression? column) : base(id)
    {
        (Row, Column) = (row, column);
        _children = [tensor];
    }
    public TensorNode Tensor => (TensorNode)_children[0];
    public ParameterExpression Row { get; }
    public ParameterExpression? Column { get; }
    public override ReadOnlySpan<Node> Children => _children;
}
