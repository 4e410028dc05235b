using System.Linq.Expressions;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// A row sum whose row is one product of two contiguous rows, Σₖ a[k]·b[k] (a weight row times a data row):
/// one <see cref="RowMaps.Dot(double[], int, double[], int, int)"/> call instead of the product row written to scratch and summed back.
/// </summary>
internal static class RowDot
{
    /// <summary>The dot product <paramref name="row"/> sums, or null when its row is anything but one product of two rows into scratch.</summary>
    public static Expression? Of(RowProgram.RowCode row, ParameterExpression scratch, Expression width)
    {
        if (row.Statements is not [MethodCallExpression { Arguments: [ConstantExpression { Value: (int)RowOperation.Multiply }, var x, var xOffset, var y, var yOffset, var target, ConstantExpression { Value: 0 }, _] } call]
            || call.Method != RowMaps.BinaryMethod || target != scratch) return null;
        return Expression.Block(row.Locals, [.. row.Prelude, Expression.Call(RowMaps.DotMethod, x, xOffset, y, yOffset, width)]);
    }
}
