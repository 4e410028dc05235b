using System.Linq.Expressions;
using Symbolic.Lowering;

namespace Symbolic.CodeGeneration;

/// <summary>Counted loops as expression trees, and the nesting order of loop indices.</summary>
internal static class Loops
{
    /// <summary><c>for (index = 0; index &lt; count; index++) body</c>; the count is read (and checked) once.</summary>
    /// <remarks>
    /// Written as the C# compiler's loops end up after the JIT inverts them — a test before the loop, and
    /// the loop's own test at the bottom (<c>if (0 &lt; n) do { … } while (++i &lt; n)</c>) — because the JIT
    /// does not invert an expression tree's loop, and only hoists loop invariants (such as constants,
    /// otherwise re-read from memory every iteration) out of loops known to run at least once.
    /// </remarks>
    public static Expression For(ParameterExpression index, Expression count, Expression body)
    {
        var end = Expression.Variable(typeof(int), index.Name + "End");
        var exit = Expression.Label(index.Name + "Done");
        return Expression.Block([index, end],
            Expression.Assign(index, Expression.Constant(0)),
            Expression.Assign(end, LinqRuntime.Inline(count)),
            Expression.IfThen(Expression.LessThan(index, end),
                Expression.Loop(
                    Expression.Block(body, Expression.IfThen(Expression.GreaterThanOrEqual(Expression.PreIncrementAssign(index), end), Expression.Break(exit))),
                    exit)));
    }

    /// <summary>Orders indices as the loops are written: outer loops first (by nesting depth).</summary>
    public static IReadOnlyList<ParameterExpression> Nesting(IEnumerable<ParameterExpression> indices, Func<ParameterExpression, int> depthOf) =>
        [.. indices.OrderBy(depthOf)];
}
