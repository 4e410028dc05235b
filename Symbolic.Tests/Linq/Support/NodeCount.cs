using System.Linq.Expressions;

namespace Symbolic.Tests.Linq.Support;

/// <summary>
/// Every node of an expression tree, loops, labels, gotos and blocks included (the shared
/// ExpressionSize counter does not enter loops, which is where a gradient over data lives).
/// </summary>
internal sealed class NodeCount : ExpressionVisitor
{
    private int _count;

    public static int Of(Expression e)
    {
        var counter = new NodeCount();
        counter.Visit(e);
        return counter._count;
    }

    public static bool ContainsLoop(Expression e) => new LoopFinder().Find(e);

    public override Expression? Visit(Expression? node)
    {
        if (node is not null) _count++;
        return base.Visit(node);
    }

    private sealed class LoopFinder : ExpressionVisitor
    {
        private bool _found;

        public bool Find(Expression e)
        {
            Visit(e);
            return _found;
        }

        protected override Expression VisitLoop(LoopExpression node)
        {
            _found = true;
            return base.VisitLoop(node);
        }
    }
}
