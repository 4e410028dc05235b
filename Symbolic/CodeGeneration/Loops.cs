using System.Linq.Expressions;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>Counted loops as expression trees, and the nesting order of loop indices.</summary>
internal static class Loops
{
    /// <summary><c>for (index = 0; index &lt; count; index++) body</c>; the count is read (and checked) once.</summary>
    /// <param name="index">The loop variable.</param>
    /// <param name="count">The number of iterations.</param>
    /// <param name="body">The body.</param>
    /// <param name="inverted">
    /// Write the loop as the C# compiler's loops end up after the JIT inverts them — a test before the
    /// loop and the loop's own test at the bottom (<c>if (0 &lt; n) do { … } while (++i &lt; n)</c>): the JIT
    /// does not invert an expression tree's loop, and only hoists invariants (constants, otherwise re-read
    /// from memory every iteration) out of loops known to run. Measured: Rosenbrock's gradient loop
    /// 1.42x → 1.17x the hand-written loop. Not for loops nested in another loop: there the hoisted values
    /// stay live across the outer body's calls (exp, log) and spill — logistic regression's per-row inner
    /// loops went from 0.98x to 1.50x.
    /// </param>
    public static Expression For(ParameterExpression index, Expression count, Expression body, bool inverted = false)
    {
        var end = Expression.Variable(typeof(int), index.Name + "End");
        var exit = Expression.Label(index.Name + "Done");
        var start = Expression.Assign(index, Expression.Constant(0));
        Expression bound = Expression.Assign(end, LinqRuntime.Inline(count));
        // Invariant rows of jagged arrays read once, after the count, when the loop runs (docs/loops-with-state.md, "How a step runs").
        var (hoisted, rows) = LoopRowHoist.Apply(index, body);
        body = hoisted;
        ParameterExpression[] locals = [index, end, .. rows.Select(r => r.Local)];
        if (rows.Count > 0)
            bound = Expression.Block(bound, Expression.IfThen(Expression.LessThan(Expression.Constant(0), end),
                Expression.Block(rows.Select(r => (Expression)Expression.Assign(r.Local, r.Row)))));
        if (!inverted)
            return Expression.Block(locals, start, bound,
                Expression.Loop(
                    Expression.IfThenElse(Expression.LessThan(index, end), Expression.Block(body, Expression.PreIncrementAssign(index)), Expression.Break(exit)),
                    exit));
        return Expression.Block(locals, start, bound,
            Expression.IfThen(Expression.LessThan(index, end),
                Expression.Loop(
                    Expression.Block(body, Expression.IfThen(Expression.GreaterThanOrEqual(Expression.PreIncrementAssign(index), end), Expression.Break(exit))),
                    exit)));
    }
}
