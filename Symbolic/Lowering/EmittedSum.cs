using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using Symbolic.Runtime;

namespace Symbolic.Lowering;

/// <summary>
/// Recognises the loop Symbolic emits for a sum (<see cref="CodeGeneration.Loops.For"/> accumulating
/// into a local), so that derivatives of LINQ models can be printed and differentiated again.
/// </summary>
internal static class EmittedSum
{
    public static bool TryRead(BlockExpression block, [NotNullWhen(true)] out ParameterExpression? index, [NotNullWhen(true)] out Expression? count, [NotNullWhen(true)] out Expression? body)
    {
        (index, count, body) = (null, null, null);
        if (block is not { Variables: [var total], Expressions: [BinaryExpression { NodeType: ExpressionType.Assign } init, BlockExpression loop, var last] }
            || init.Left != total || init.Right is not ConstantExpression { Value: 0.0 } || !IsResult(last, total))
            return false;
        if (loop is not { Variables: [var i, var end], Expressions: [BinaryExpression start, BinaryExpression bound, var rest] }
            || start.Left != i || bound.Left != end)
            return false;
        // Both forms of Loops.For: while (i < end) { body; ++i }, and if (i < end) do { body } while (++i < end).
        var iteration = rest switch
        {
            LoopExpression { Body: ConditionalExpression { IfTrue: BlockExpression whileBody } } => whileBody,
            ConditionalExpression { IfTrue: LoopExpression { Body: BlockExpression doBody } } => doBody,
            _ => null,
        };
        if (iteration is not { Expressions: [BinaryExpression { NodeType: ExpressionType.AddAssign } accumulate, _] } || accumulate.Left != total)
            return false;
        (index, count, body) = (i, LinqRuntime.Original(bound.Right), Unwidened(accumulate.Right));
        return true;
    }

    // A float model's sum accumulates float terms, widened, in a double and is rounded once at the end (docs/precision.md).
    private static bool IsResult(Expression last, ParameterExpression total) =>
        last == total || last is UnaryExpression { NodeType: ExpressionType.Convert, Type: var t, Operand: var operand } && operand == total && t == typeof(float);

    private static Expression Unwidened(Expression term) =>
        term is UnaryExpression { NodeType: ExpressionType.Convert, Operand: { Type: var t } operand } && t == typeof(float) ? operand : term;
}
