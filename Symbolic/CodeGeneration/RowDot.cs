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
        if (!IsDot(row.Statements, scratch)) return null;
        var call = (MethodCallExpression)row.Statements[0];
        return Expression.Block(row.Locals, [.. row.Prelude, Expression.Call(RowMaps.DotMethod, call.Arguments[1], call.Arguments[2], call.Arguments[3], call.Arguments[4], width)]);
    }

    /// <summary>Whether a row's statements are one product of two rows into the first scratch row (what <see cref="Of"/> turns into one call).</summary>
    public static bool IsDot(IReadOnlyList<Expression> statements, ParameterExpression scratch) =>
        statements is [MethodCallExpression { Arguments: [ConstantExpression { Value: (int)RowOperation.Multiply }, _, _, _, _, var target, ConstantExpression { Value: 0 }, _] } call]
        && call.Method == RowMaps.BinaryMethod && target == scratch;
}
