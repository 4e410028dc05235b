using System.Linq.Expressions;
using Symbolic.Dense;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// The clear of a gradient buffer whose entries a carried scatter loop writes once (<see cref="CoveringScatter"/>):
/// only the entries outside what the loop and the constant entries write are zeroed, below its first entry and
/// past its last — everything from its first entry on when the loop runs no iteration.
/// </summary>
internal static class CoveredClearing
{
    /// <summary>
    /// Zeroes <c>[0, Offset)</c> but the <paramref name="stored"/> constant entries (written once, all below
    /// Offset), and <c>[Stride·Count + Offset + Registers, Length)</c> (from Offset when Count ≤ 0), clamped to the buffer.
    /// </summary>
    public static IEnumerable<Expression> Around(ParameterExpression buffer, CoveringScatter covering, IReadOnlyCollection<int> stored)
    {
        var clear = typeof(DenseRuntime).GetMethod(nameof(DenseRuntime.ClearRange), [buffer.Type, typeof(int), typeof(int)])!;
        var offset = Expression.Constant(covering.Offset);
        var next = 0;
        foreach (var entry in stored.Where(e => e < covering.Offset).Append(covering.Offset).Distinct().Order())
        {
            if (entry > next) yield return Expression.Call(clear, buffer, Expression.Constant(next), Expression.Constant(entry));
            next = entry + 1;
        }
        if (EndsAtLength(covering))
        {
            // The loop's last entry is the buffer's last (as long as x, checked before): only an empty loop leaves a rest.
            yield return Expression.IfThen(Expression.LessThanOrEqual(covering.Count, Expression.Constant(0)), Expression.Call(clear, buffer, offset, Expression.ArrayLength(buffer)));
            yield break;
        }
        // Past the last entry may exceed int.MaxValue (where the model's own reads fail first): clamped, in int arithmetic.
        var count = covering.Count;
        var limit = (int.MaxValue - covering.Offset - covering.Registers) / covering.Stride;
        var past = Expression.Add(covering.Stride == 1 ? count : Expression.Multiply(Expression.Constant(covering.Stride), count), Expression.Constant(covering.Offset + covering.Registers));
        var end = Expression.Condition(Expression.GreaterThan(count, Expression.Constant(0)),
            Expression.Condition(Expression.LessThanOrEqual(count, Expression.Constant(limit)), past, Expression.Constant(int.MaxValue)), offset);
        yield return Expression.Call(clear, buffer, end, Expression.ArrayLength(buffer));
    }

    /// <summary>Whether the loop, when it runs, writes up to the last entry of x: Count = x.Length − (Offset + Registers), stride 1.</summary>
    private static bool EndsAtLength(CoveringScatter covering) =>
        covering.Stride == 1 && covering.Scatters[0].Scatter.Element.Array is var x && (covering.Count switch
        {
            UnaryExpression { NodeType: ExpressionType.ArrayLength, Operand: var a } => a == x && covering.Offset + covering.Registers == 0,
            BinaryExpression { NodeType: ExpressionType.Subtract, Left: UnaryExpression { NodeType: ExpressionType.ArrayLength, Operand: var a }, Right: ConstantExpression { Value: int m } } =>
                a == x && covering.Offset + covering.Registers == m,
            _ => false,
        });
}
