using System.Linq.Expressions;
using Symbolic.Diagnostics;
using Symbolic.Graph;

namespace Symbolic.Dense;

/// <summary>
/// A grid that only reads an array at an affine index, <c>a[offset + r·rowStride + c·columnStride]</c>
/// (a slice of the parameters, a flat data matrix): the kernel reads the array in place through these
/// strides instead of a copy.
/// </summary>
internal sealed record StridedView(Expression Array, Expression Offset, Expression RowStride, Expression ColumnStride)
{
    /// <summary>The view a grid stands for, or null when its body is anything but one affine read of a one-dimensional array.</summary>
    public static StridedView? Of(GridNode grid)
    {
        if (!grid.IsElementwise) return null;
        var (array, index) = grid.Body switch
        {
            IndexedElementNode e => ((Expression)e.Array, e.Index),
            OpaqueNode { Expression: BinaryExpression { NodeType: ExpressionType.ArrayIndex } read } when read.Left.Type == grid.Target.Type && !Reads(read.Left, grid) => (read.Left, read.Right),
            _ => (null, null),
        };
        return array is null || index is null ? null : Parse(array, index, grid.Row, grid.Column);
    }

    /// <summary><c>array[index]</c> as a view over (row, column) when the index is affine in them, else null.</summary>
    public static StridedView? Parse(Expression array, Expression index, ParameterExpression row, ParameterExpression column)
    {
        var terms = AffineTerms.Of(index);
        Expression offset = Expression.Constant(0), rowStride = Expression.Constant(0), columnStride = Expression.Constant(0);
        foreach (var (term, sign) in terms)
        {
            var (factor, which) = Coefficient(term, row, column);
            if (which is null && Reads(term, row, column)) return null;
            var signed = sign > 0 ? factor : Expression.Negate(factor);
            if (which == row) rowStride = Expression.Add(rowStride, signed);
            else if (which == column) columnStride = Expression.Add(columnStride, signed);
            else offset = Expression.Add(offset, signed);
        }
        return new StridedView(array, offset, rowStride, columnStride);
    }

    /// <summary>A term r, c, r·s, s·r (s reading neither index) as (s, index); anything else as (term, null).</summary>
    private static (Expression Factor, ParameterExpression? Index) Coefficient(Expression term, ParameterExpression row, ParameterExpression column)
    {
        if (term == row || term == column) return (Expression.Constant(1), (ParameterExpression)term);
        if (term is BinaryExpression { NodeType: ExpressionType.Multiply } product)
        {
            if ((product.Left == row || product.Left == column) && !Reads(product.Right, row, column)) return (product.Right, (ParameterExpression)product.Left);
            if ((product.Right == row || product.Right == column) && !Reads(product.Left, row, column)) return (product.Left, (ParameterExpression)product.Right);
        }
        return (term, null);
    }

    private static bool Reads(Expression e, GridNode grid) => Reads(e, grid.Row, grid.Column);

    /// <summary>Whether an integer expression reads one of the indices.</summary>
    public static bool Reads(Expression e, ParameterExpression index, ParameterExpression? other = null)
    {
        var finder = new IndexFinder(index, other ?? index);
        finder.Visit(e);
        return finder.Found;
    }

    /// <summary>
    /// For an index <c>offset + column</c> (the column added once, with coefficient 1), the offset: the index
    /// at column 0. Null when the index is not contiguous along the column.
    /// </summary>
    public static Expression? ContiguousOffset(Expression index, ParameterExpression column)
    {
        var terms = AffineTerms.Of(index);
        var reading = terms.Where(t => Reads(t.Term, column)).ToList();
        if (reading is not [(var term, 1)] || term != column) return null;
        return new Substitution(new Dictionary<ParameterExpression, Expression> { [column] = Expression.Constant(0) }).Visit(index);
    }

    private sealed class IndexFinder(ParameterExpression row, ParameterExpression column) : ExpressionVisitor
    {
        public bool Found { get; private set; }
        protected override Expression VisitParameter(ParameterExpression node)
        {
            Found |= node == row || node == column;
            return node;
        }
    }
}
