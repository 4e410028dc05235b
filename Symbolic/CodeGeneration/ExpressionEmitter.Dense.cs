using System.Linq.Expressions;
using Symbolic.Graph;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// The emission of materialised matrices (see docs/dense-layers.md): products as kernel calls on views or
/// buffers, grids as row maps or scatter loops, matrices of adjoints added into the gradient, sums of rows.
/// </summary>
internal sealed partial class ExpressionEmitter
{
    // The schedule found each product operand's view; an operand it did not see is a view when it is a strided grid.
    private Dense.StridedView? ViewOf(Node operand) =>
        _schedule.Views.TryGetValue(operand, out var view) ? view : operand is GridNode grid ? Dense.StridedView.Of(grid) : null;

    /// <summary>The pool compiled code rents its buffers from, as a constant of the code (see <see cref="EmitOptions.Buffers"/>).</summary>
    private ConstantExpression Buffers => Expression.Constant(_options.Buffers);

    /// <summary>The runtime's entry points for the model's element type (a float model calls the float kernels and row maps).</summary>
    private RuntimeEntryPoints RuntimeCalls => _options.Element.IsSingle ? RuntimeEntryPoints.Single : RuntimeEntryPoints.Double;

    /// <summary>
    /// A product on the kernel: each operand as (array, offset, row stride, column stride), read in place
    /// when it is a view, from its buffer otherwise; a transposed operand swaps its strides.
    /// </summary>
    private Expression BuildMatMul(MatMulNode m) =>
        Expression.Call(RuntimeCalls.Multiply, [Buffers, Expression.Constant(m.Id), .. ProductArguments(m)]);

    /// <summary>m, n, k, then A and B as (array, offset, row stride, column stride).</summary>
    private Expression[] ProductArguments(MatMulNode m)
    {
        Expression[] Operand(TensorNode tensor, bool transpose)
        {
            var (array, offset, row, column) = ViewOf(tensor) is { } view
                ? (_hoister.Hoist(view.Array), view.Offset, view.RowStride, view.ColumnStride)
                : (Value(tensor), Expression.Constant(0), LinqRuntime.Dimension(tensor.Columns), Expression.Constant(1));
            return transpose ? [array, offset, column, row] : [array, offset, row, column];
        }
        return [LinqRuntime.Dimension(m.Rows), LinqRuntime.Dimension(m.Columns), LinqRuntime.Dimension(m.Inner),
            .. Operand(m.Left, m.TransposeLeft), .. Operand(m.Right, m.TransposeRight)];
    }

    /// <summary>target[view(r, c)] += T[r, c]: a product accumulated by the kernel into the target, or a matrix added in.</summary>
    private Expression BuildMatrixScatter(Dense.MatrixScatter scatter, Expression target)
    {
        Expression[] view = [target, scatter.View.Offset, scatter.View.RowStride, scatter.View.ColumnStride];
        return scatter.Tensor is MatMulNode m
            ? scatter.Overwrites
                ? Expression.Call(RuntimeCalls.MultiplyInto, [.. view, .. ProductArguments(m)])
                : Expression.Call(RuntimeCalls.MultiplyAdd, [Buffers, .. view, .. ProductArguments(m)])
            : Expression.Call(scatter.Overwrites ? RuntimeCalls.CopyTo : RuntimeCalls.AddTo,
                [.. view, LinqRuntime.Dimension(scatter.Tensor.Rows), LinqRuntime.Dimension(scatter.Tensor.Columns), Value(scatter.Tensor)]);
    }

    /// <summary>
    /// A grid: a buffer, then its rows as vectorised row maps where the body allows (see <see cref="RowProgram"/>);
    /// otherwise zeroed and filled by the scatter loops its schedule plans over the grid's loops, so
    /// values that depend on the row only are computed once per row.
    /// </summary>
    private Expression BuildGrid(GridNode grid)
    {
        var available = AvailableAt(_schedule.Placement[grid]);
        var width = LinqRuntime.Dimension(grid.Columns);
        var scratch = Expression.Variable(RuntimeCalls.ArrayType, "rows");
        if (grid.IsElementwise && RowProgram.TryCreate(grid.Body, grid.Column, width, scratch, (grid.Target, Expression.Multiply(grid.Row, width)),
                index => index == grid.Row, available, _hoister.Hoist) is { } row)
            return Expression.Block([grid.Target, scratch, .. row.Locals],
            [
                Expression.Assign(grid.Target, Expression.Call(RuntimeCalls.Rent, Buffers, Expression.Constant(grid.Id), Expression.Multiply(LinqRuntime.Dimension(grid.Rows), width))),
                .. row.Prelude,
                Expression.Assign(scratch, RowProgram.ScratchFor(scratch, Buffers, row.Temporaries, width)),
                Loops.For(grid.Row, LinqRuntime.Dimension(grid.Rows), Expression.Block(row.Statements)),
                grid.Target,
            ]);
        var filled = EmitNested(_schedule.Bodies[grid], _schedule.Placement[grid], _ => ProcedureShape.Value(Expression.Empty()));
        return Expression.Block([grid.Target],
            Expression.Assign(grid.Target, Expression.Call(RuntimeCalls.Rent, Buffers, Expression.Constant(grid.Id),
                Expression.Multiply(LinqRuntime.Dimension(grid.Rows), LinqRuntime.Dimension(grid.Columns)))),
            filled,
            grid.Target);
    }

    /// <summary>
    /// Σ body over a contiguous row (see <see cref="RowProgram"/>): the row mapped into scratch, then summed by
    /// <c>TensorPrimitives.Sum</c>. Null when the body is not such a row.
    /// </summary>
    private Expression? VectorizedSum(SumNode sum)
    {
        var width = LinqRuntime.Dimension(sum.Count);
        var scratch = Expression.Variable(RuntimeCalls.ArrayType, "row");
        // Only values computed where the sum is (a value placed in some conditional branch is not assigned here).
        var available = AvailableAt(_schedule.Placement[sum]);
        if (RowProgram.TryCreate(sum.Body, sum.Index, width, scratch, null, _schedule.Bound.Contains, available, _hoister.Hoist)
            is not { } row) return null;
        if (RowDot.Of(row, scratch, width) is { } dot) return dot;
        return Expression.Block([scratch, .. row.Locals],
        [
            .. row.Prelude,
            Expression.Assign(scratch, RowProgram.ScratchFor(scratch, Buffers, row.Temporaries, width)),
            .. row.Statements,
            Expression.Call(RuntimeCalls.Sum, scratch, Expression.Constant(0), width),
        ]);
    }
}
