using System.Linq.Expressions;
using Symbolic.Diagnostics;
using System.Reflection;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// A blocked loop's product of its data rows with a vector, run once per block (<see cref="RowBlocks"/>): a dot
/// product Σⱼ w[o + j]·X[row i, j] (one value per row, into the block's column) or a scatter
/// g[o + j] += X[row i, j]·c (the rows' c taken from the block's column).
/// </summary>
/// <param name="Method">The <see cref="RowBlocks"/> entry point for the data's layout.</param>
/// <param name="Data">The data array.</param>
/// <param name="First">Flat data: the offset of row <paramref name="Index"/>'s first column read (affine in it); 2-D and jagged: the row, <paramref name="Index"/>.</param>
/// <param name="Second">Flat data: the stride from a row to the next; 2-D and jagged: the first column read.</param>
/// <param name="Width">The columns read.</param>
/// <param name="Vector">The weights a dot product reads, or the gradient a scatter adds to.</param>
/// <param name="VectorOffset">Where in <paramref name="Vector"/> the row starts.</param>
/// <param name="Scale">A scatter's per-row factor c; null for a dot product.</param>
/// <param name="Index">The row index, replaced by the block's first row in the call.</param>
internal sealed record BlockProduct(MethodInfo Method, Expression Data, Expression First, Expression Second, Expression Width,
    Expression Vector, Expression VectorOffset, Expression? Scale, ParameterExpression Index)
{
    /// <summary>Whether this is a dot product (else a scatter).</summary>
    public bool IsDot => Scale is null;

    /// <summary>The call for the block of <paramref name="rows"/> rows from <paramref name="start"/>; the block's column is <paramref name="buffer"/> from <paramref name="column"/>.</summary>
    public Expression Call(ParameterExpression start, Expression rows, ParameterExpression buffer, Expression column)
    {
        var first = Substitution.Replace(First, Index, start);
        return IsDot
            ? Expression.Call(Method, Data, first, Second, Width, Vector, VectorOffset, buffer, column, rows)
            : Expression.Call(Method, Data, first, Second, Width, buffer, column, Vector, VectorOffset, rows);
    }
}
