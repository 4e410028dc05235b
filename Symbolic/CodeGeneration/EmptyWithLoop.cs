using System.Linq.Expressions;
using Symbolic.Diagnostics;
using Symbolic.Graph;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// A fold (or its sweep) that runs no step and has no component when a loop around it runs no iteration may be computed
/// before that loop even though it may throw: where the loop does not run, it reads nothing, so it cannot throw where the
/// model does not. The case of a batch of sequences of run-time size B (<c>frontend.batch-folds</c>): its width is B·H, its
/// steps <c>SequenceBatches.Steps(sequences, B)</c> (0 when B is) or <c>B &gt; 0 ? T : 0</c>, and the loops that read it
/// count B (the result's sum over the batch), B·H or min(B·H, c) (the gradient of an accumulator per unit).
/// </summary>
internal static class EmptyWithLoop
{
    /// <summary>Whether <paramref name="node"/> is a fold or sweep whose width and step count are 0 whenever <paramref name="count"/> is.</summary>
    public static bool Holds(Node node, Expression count) =>
        node is StateLoopNode loop && Size(count) is var size && Vanishes(loop.Width, size) && Vanishes(loop.Count, size);

    /// <summary>The size n that is 0 exactly when the count is: the count itself, or n of n·c, or of min(n·c, d) (c, d positive constants).</summary>
    private static Expression Size(Expression count)
    {
        var e = LinqRuntime.Unchecked(count);
        while (true)
        {
            switch (e)
            {
                case BinaryExpression { NodeType: ExpressionType.Multiply, Method: null, Left: var n, Right: ConstantExpression { Value: int c } } when c > 0:
                    e = LinqRuntime.Unchecked(n);
                    break;
                case BinaryExpression { NodeType: ExpressionType.Multiply, Method: null, Left: ConstantExpression { Value: int c }, Right: var n } when c > 0:
                    e = LinqRuntime.Unchecked(n);
                    break;
                case ConditionalExpression { Test: BinaryExpression { NodeType: ExpressionType.LessThan, Left: var n, Right: ConstantExpression { Value: int d } }, IfTrue: var then, IfFalse: ConstantExpression { Value: int other } }
                    when d > 0 && other == d && SameExpression.Equal(n, then):
                    e = LinqRuntime.Unchecked(n);
                    break;
                default:
                    return e;
            }
        }
    }

    /// <summary>Whether <paramref name="e"/> is 0 whenever <paramref name="size"/> is (iteratively, over the shapes listed above).</summary>
    private static bool Vanishes(Expression e, Expression size)
    {
        var pending = new Stack<Expression>([e]);
        while (pending.TryPop(out var next))
        {
            next = LinqRuntime.Unchecked(next);
            if (SameExpression.Equal(next, size)) continue;
            switch (next)
            {
                case BinaryExpression { NodeType: ExpressionType.Multiply, Method: null } product:
                    // Either factor vanishing is enough.
                    if (!Vanishes(product.Left, size) && !Vanishes(product.Right, size)) return false;
                    break;
                case ConditionalExpression { Test: BinaryExpression { NodeType: ExpressionType.GreaterThan, Left: var n, Right: ConstantExpression { Value: 0 } }, IfFalse: ConstantExpression { Value: 0 } }
                    when SameExpression.Equal(LinqRuntime.Unchecked(n), size):
                    break;
                // min(x, d) = x < d ? x : d, with d > 0, is 0 exactly when x is.
                case ConditionalExpression { Test: BinaryExpression { NodeType: ExpressionType.LessThan, Left: var x, Right: ConstantExpression { Value: int bound } }, IfTrue: var then, IfFalse: ConstantExpression { Value: int d } }
                    when d > 0 && bound == d && SameExpression.Equal(x, then):
                    pending.Push(then);
                    break;
                case MethodCallExpression { Method.Name: nameof(SequenceBatches.Steps), Arguments: [_, var n] } steps when steps.Method.DeclaringType == typeof(SequenceBatches)
                    && SameExpression.Equal(LinqRuntime.Unchecked(n), size):
                    break;
                default:
                    return false;
            }
        }
        return true;
    }
}
