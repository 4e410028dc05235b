using System.Linq.Expressions;
using Symbolic.Graph;
using Symbolic.Kernels;
using Symbolic.Lowering;

namespace Symbolic.CodeGeneration;

/// <summary>
/// An elementwise grid whose body maps contiguous rows (a product's row, a parameter slice along the
/// column index, a data row) and loop-invariant scalars through operations <see cref="RowMaps"/> has:
/// emitted as one vectorised call per operation and row instead of a scalar loop. Anything else (a
/// conditional, a value that depends on the row alone, a strided read) keeps the scalar loop.
/// </summary>
internal static class VectorizedGrid
{
    /// <summary>A row operand: the array and the offset of the current row's first element; or a scalar.</summary>
    private sealed record Operand(Expression? Array, Expression? Offset, Expression? Scalar);

    /// <param name="grid">The grid.</param>
    /// <param name="computed">The value of a node computed before the grid (a scalar or a matrix's buffer), or null.</param>
    /// <param name="hoist">Binds captured arrays to locals.</param>
    public static Expression? TryBuild(GridNode grid, Func<Node, Expression?> computed, Func<Expression, Expression> hoist)
    {
        if (!grid.IsElementwise || !grid.Body.FreeIndices.Contains(grid.Column)) return null;
        var (row, column) = (grid.Row, grid.Column);
        var width = LinqRuntime.Dimension(grid.Columns);
        var scratch = Expression.Variable(typeof(double[]), "rows");
        var operands = new Dictionary<Node, Operand>();
        var statements = new List<Expression>();
        var temporaries = 0;
        foreach (var node in RowNodes(grid.Body, column))
        {
            Operand? operand;
            if (!node.FreeIndices.Contains(column))
                operand = node.FreeIndices.Count == 0 && computed(node) is { } value ? new Operand(null, null, value) : null;
            else
                operand = node switch
                {
                    TensorReadNode t when t.Row == row && t.Column == column && computed(t.Tensor) is { } buffer
                        => new Operand(buffer, Expression.Multiply(row, LinqRuntime.Dimension(t.Tensor.Columns)), null),
                    IndexedElementNode e when Dense.StridedView.ContiguousOffset(e.Index, column) is { } offset => new Operand(e.Array, offset, null),
                    OpaqueNode { Expression: BinaryExpression { NodeType: ExpressionType.ArrayIndex } read } when read.Left.Type == typeof(double[])
                        && !Dense.StridedView.Reads(read.Left, column) && Dense.StridedView.ContiguousOffset(read.Right, column) is { } offset
                        => new Operand(hoist(read.Left), offset, null),
                    UnaryNode u when RowMaps.Maps(u.Op) && operands[u.Operand].Array is not null => Map(node, RowMaps.UnaryMethod, (int)u.Op, [operands[u.Operand]]),
                    PowerNode { Exponent: 2 } p => Map(node, null, (int)BinaryOp.Multiply, [operands[p.Base], operands[p.Base]]),
                    BinaryNode b when RowMaps.Maps(b.Op) => Map(node, null, (int)b.Op, [operands[b.Left], operands[b.Right]]),
                    _ => null,
                };
            if (operand is null) return null;
            operands[node] = operand;
        }
        var result = operands[grid.Body];
        if (result.Array is null) return null;
        // A body that is a plain read still has to be copied into the grid.
        if (statements.Count == 0 || !ReferenceEquals(result.Array, grid.Target))
            statements.Add(Expression.Call(typeof(Array).GetMethod(nameof(Array.Copy), [typeof(Array), typeof(int), typeof(Array), typeof(int), typeof(int)])!,
                result.Array, result.Offset!, grid.Target, Expression.Multiply(row, width), width));
        return Expression.Block([grid.Target, scratch],
            Expression.Assign(grid.Target, Expression.Call(DenseRuntime.RentMethod, Expression.Constant(grid.Id), Expression.Multiply(LinqRuntime.Dimension(grid.Rows), width))),
            Expression.Assign(scratch, Expression.Call(RowMaps.ScratchMethod, Expression.Multiply(Expression.Constant(Math.Max(temporaries, 1)), width))),
            Loops.For(row, LinqRuntime.Dimension(grid.Rows), Expression.Block(statements)),
            grid.Target);

        // One operation on whole rows: into the grid's row for the body itself, into a scratch row otherwise.
        Operand? Map(Node node, System.Reflection.MethodInfo? unary, int op, Operand[] inputs)
        {
            var (target, offset) = node == grid.Body
                ? ((Expression)grid.Target, (Expression)Expression.Multiply(row, width))
                : (scratch, Expression.Multiply(Expression.Constant(temporaries++), width));
            Expression? call = (unary, inputs) switch
            {
                ({ } method, [{ Array: { } x } a]) => Expression.Call(method, Expression.Constant(op), x, a.Offset!, target, offset, width),
                (null, [{ Array: { } x } a, { Array: { } y } b]) => Expression.Call(RowMaps.BinaryMethod, Expression.Constant(op), x, a.Offset!, y, b.Offset!, target, offset, width),
                (null, [{ Array: { } x } a, { Scalar: { } s }]) => Expression.Call(RowMaps.BinaryScalarMethod, Expression.Constant(op), x, a.Offset!, s, target, offset, width),
                (null, [{ Scalar: { } s }, { Array: { } y } b]) => Expression.Call(RowMaps.ScalarBinaryMethod, Expression.Constant(op), s, y, b.Offset!, target, offset, width),
                _ => null,
            };
            if (call is null) return null;
            statements.Add(call);
            return new Operand(target, offset, null);
        }
    }

    /// <summary>The body's nodes down to the values that do not vary along the row (scalars), in id order.</summary>
    private static List<Node> RowNodes(Node body, ParameterExpression column)
    {
        var seen = new HashSet<Node>();
        var pending = new Stack<Node>([body]);
        while (pending.TryPop(out var node))
        {
            if (!seen.Add(node) || !node.FreeIndices.Contains(column) || node is TensorReadNode) continue;
            foreach (var child in node.Children) pending.Push(child);
        }
        var ordered = seen.ToList();
        ordered.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        return ordered;
    }
}
