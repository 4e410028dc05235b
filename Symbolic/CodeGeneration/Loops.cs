using System.Linq.Expressions;
using Symbolic.Lowering;

namespace Symbolic.CodeGeneration;

/// <summary>Counted loops as expression trees, and the nesting order of loop indices.</summary>
internal static class Loops
{
    /// <summary><c>for (index = 0; index &lt; count; index++) body</c>; the count is read (and checked) once.</summary>
    public static Expression For(ParameterExpression index, Expression count, Expression body)
    {
        var end = Expression.Variable(typeof(int), index.Name + "End");
        var exit = Expression.Label(index.Name + "Done");
        return Expression.Block([index, end],
            Expression.Assign(index, Expression.Constant(0)),
            Expression.Assign(end, LinqRuntime.Inline(count)),
            Expression.Loop(
                Expression.IfThenElse(Expression.LessThan(index, end), Expression.Block(body, Expression.PreIncrementAssign(index)), Expression.Break(exit)),
                exit));
    }

    /// <summary>Orders indices as the loops are written: outer loops first (by nesting depth).</summary>
    public static IReadOnlyList<ParameterExpression> Nesting(IEnumerable<ParameterExpression> indices, Func<ParameterExpression, int> depthOf) =>
        [.. indices.OrderBy(depthOf)];
}
