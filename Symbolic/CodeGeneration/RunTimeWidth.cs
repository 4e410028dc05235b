using System.Linq.Expressions;
using Symbolic.Diagnostics;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// A fold's or sweep's width known only when the model runs (<c>RangeCount(sequences.Length · 32)</c>, a batch of run-time
/// size): computed once, with LINQ's check, into a local on entry to the loop, which every position inside reads instead of
/// computing it again at each component.
/// </summary>
internal static class RunTimeWidth
{
    /// <summary><paramref name="emitted"/> reading its width from a local assigned first; unchanged for a constant width.</summary>
    public static Expression Bound(Expression width, Expression emitted)
    {
        if (LinqRuntime.Dimension(width) is ConstantExpression) return emitted;
        var local = Expression.Variable(typeof(int), "width");
        return Expression.Block(emitted.Type, [local], Expression.Assign(local, LinqRuntime.Inline(width)), new Reads(width, local).Visit(emitted)!);
    }

    private sealed class Reads(Expression width, ParameterExpression local) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) =>
            node is MethodCallExpression && SameExpression.Equal(node, width) ? local : base.Visit(node);
    }
}
