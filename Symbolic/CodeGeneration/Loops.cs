using System.Linq.Expressions;

namespace Symbolic.CodeGeneration;

/// <summary>Counted loops as expression trees, and the nesting order of loop indices.</summary>
internal static class Loops
{
    /// <summary><c>for (index = 0; index &lt; count; index++) body</c>; the count is read once.</summary>
    public static Expression For(ParameterExpression index, Expression count, Expression body)
    {
        var end = Expression.Variable(typeof(int), index.Name + "End");
        var exit = Expression.Label(index.Name + "Done");
        return Expression.Block([index, end],
            Expression.Assign(index, Expression.Constant(0)),
            Expression.Assign(end, count),
            Expression.Loop(
                Expression.IfThenElse(Expression.LessThan(index, end), Expression.Block(body, Expression.PreIncrementAssign(index)), Expression.Break(exit)),
                exit));
    }

    /// <summary>Orders indices so that an index whose count reads another index is nested inside it.</summary>
    public static IReadOnlyList<ParameterExpression> Nesting(IReadOnlyList<ParameterExpression> indices, Func<ParameterExpression, Expression> countOf)
    {
        var remaining = indices.ToList();
        var ordered = new List<ParameterExpression>();
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(i => !remaining.Any(other => other != i && Reads(countOf(i), other))) ?? remaining[0];
            ordered.Add(next);
            remaining.Remove(next);
        }
        return ordered;
    }

    private static bool Reads(Expression expression, ParameterExpression parameter)
    {
        var pending = new Stack<Expression>();
        pending.Push(expression);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            if (e == parameter) return true;
            foreach (var child in Diagnostics.ExpressionChildren.Of(e)) pending.Push(child);
        }
        return false;
    }
}
