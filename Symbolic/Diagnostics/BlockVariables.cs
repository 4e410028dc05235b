using System.Linq.Expressions;

namespace Symbolic.Diagnostics;

/// <summary>The variables of every block in an expression, in order of appearance, each once.</summary>
internal sealed class BlockVariables : ExpressionVisitor
{
    private readonly List<ParameterExpression> _found = [];
    private readonly HashSet<ParameterExpression> _seen = [];

    /// <summary>The block variables declared anywhere in <paramref name="e"/>, outermost first.</summary>
    public static List<ParameterExpression> Of(Expression e)
    {
        var visitor = new BlockVariables();
        visitor.Visit(e);
        return visitor._found;
    }

    protected override Expression VisitBlock(BlockExpression node)
    {
        foreach (var v in node.Variables)
            if (_seen.Add(v)) _found.Add(v);
        return base.VisitBlock(node);
    }
}
