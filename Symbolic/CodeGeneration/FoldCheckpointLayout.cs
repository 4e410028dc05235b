using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// The buffer of a checkpointed fold of T steps and width W, keeping every k-th state: rows 0 … C − 1 hold the
/// checkpoints (state c·k in row c, C = ⌊T/k⌋ + 1), rows C … C + k the states of the segment being computed
/// (state t in row C + t mod k; a segment's last state, row C + k, moves to row C when the next segment starts), and
/// row C + k + 1 the final state, copied there after the loop (the sweep's recomputations overwrite the segment's rows).
/// All int expressions of T, emitted inline.
/// </summary>
/// <param name="Steps">T (an int expression).</param>
/// <param name="Stored">How many states are kept, s ≥ 1 (an int expression of T).</param>
/// <param name="Width">W.</param>
internal sealed record FoldCheckpointLayout(Expression Steps, Expression Stored, Expression Width)
{
    /// <summary>The layout of <paramref name="fold"/> keeping <paramref name="checkpointing"/>'s number of states.</summary>
    public static FoldCheckpointLayout Of(StateLoopNode fold, FoldCheckpointing checkpointing)
    {
        var steps = Runtime.LinqRuntime.Dimension(fold.Count);
        steps = steps is ConstantExpression ? steps : Runtime.LinqRuntime.Inline(steps);
        Expression stored = checkpointing.StoredStates > 0
            ? Expression.Constant(checkpointing.StoredStates)
            : Expression.Call(typeof(Math).GetMethod(nameof(Math.Max), [typeof(int), typeof(int)])!, Expression.Constant(1), Expression.Convert(
                Expression.Call(typeof(Math).GetMethod(nameof(Math.Ceiling), [typeof(double)])!,
                    Expression.Call(typeof(Math).GetMethod(nameof(Math.Sqrt))!, Expression.Convert(steps, typeof(double)))), typeof(int)));
        return new FoldCheckpointLayout(steps, stored, fold.Width);
    }

    /// <summary>k = ⌈T/s⌉, at least 1.</summary>
    public Expression Interval => Expression.Condition(Expression.LessThanOrEqual(Steps, Expression.Constant(0)), Expression.Constant(1),
        Expression.Divide(Expression.Subtract(Expression.Add(Steps, Stored), Expression.Constant(1)), Stored));

    /// <summary>C = ⌊T/k⌋ + 1 checkpoint rows, given k.</summary>
    public Expression Checkpoints(Expression interval) => Expression.Add(Expression.Divide(Steps, interval), Expression.Constant(1));

    /// <summary>(C + k + 2)·W doubles.</summary>
    public Expression Length(Expression checkpoints, Expression interval) =>
        Expression.Multiply(Expression.Add(Expression.Add(checkpoints, interval), Expression.Constant(2)), Width);

    /// <summary>The row the final state is kept in, C + k + 1.</summary>
    public static Expression FinalRow(Expression checkpoints, Expression interval) => Expression.Add(Expression.Add(checkpoints, interval), Expression.Constant(1));

    /// <summary>What to add to a position of row <paramref name="row"/> of the full layout while step row is at hand: (C + row mod k − row)·W.</summary>
    public Expression Shift(Expression row, Expression checkpoints, Expression interval) =>
        Expression.Multiply(Expression.Subtract(Expression.Add(checkpoints, Expression.Modulo(row, interval)), row), Width);

    /// <summary>What to add to a position of the final state's row (T) of the full layout, computed from T alone: (C + k + 1 − T)·W.</summary>
    public Expression FinalShift
    {
        get
        {
            var interval = Interval;
            return Expression.Multiply(Expression.Subtract(FinalRow(Checkpoints(interval), interval), Steps), Width);
        }
    }
}
