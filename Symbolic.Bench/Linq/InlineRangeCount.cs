using System.Linq.Expressions;

namespace Symbolic.Bench.Linq;

/// <summary>
/// A diagnostic rewrite of Symbolic's emitted gradient, not a library feature: every call
/// <c>LinqRuntime.RangeCount(count)</c> (the check that <c>Enumerable.Range</c>'s count is ≥ 0) is replaced
/// by the same check written inline, <c>{ c = count; if (c &lt; 0) throw …; c }</c>, with nothing else
/// changed. Benchmarked beside the library's own delegate, it shows what that one call costs.
/// </summary>
/// <remarks>
/// The call is not inlined into the compiled lambda, and every xmm register is caller-saved on x64
/// System V, so the JIT keeps the double accumulators that are live across it (the value sum, an inner
/// sum's partial) in stack slots for the whole loop: a store-to-load round trip in the loop-carried
/// dependency chain of every iteration. See docs/benchmarks.md, "LINQ models (issue 4)".
/// </remarks>
public sealed class InlineRangeCount : ExpressionVisitor
{
    /// <summary>Rewrites <paramref name="gradient"/> and compiles it.</summary>
    public static TDelegate Compile<TDelegate>(Expression<TDelegate> gradient) where TDelegate : Delegate
    {
        var visitor = new InlineRangeCount();
        var rewritten = (Expression<TDelegate>)visitor.Visit(gradient);
        if (visitor._replaced == 0) throw new InvalidOperationException("No LinqRuntime.RangeCount call found: the diagnostic no longer applies.");
        return rewritten.Compile();
    }

    private int _replaced;

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node.Method is not { Name: "RangeCount", DeclaringType.Name: "LinqRuntime" }) return base.VisitMethodCall(node);
        _replaced++;
        var count = Expression.Variable(typeof(int), "count");
        return Expression.Block(
            [count],
            Expression.Assign(count, Visit(node.Arguments[0])),
            Expression.IfThen(
                Expression.LessThan(count, Expression.Constant(0)),
                Expression.Throw(Expression.New(typeof(ArgumentOutOfRangeException)))),
            count);
    }
}
