using System.Linq.Expressions;

namespace Symbolic.Lowering;

/// <summary>
/// A copy of an expression whose lambdas have parameters of their own. An inline definition expanded inside its
/// own expansion (<c>Layer(p, Layer(p, x))</c>) would otherwise nest a lambda inside a copy of itself, and
/// substituting the outer lambda's parameter would capture the inner one's.
/// </summary>
internal sealed class FreshLambdas : ExpressionVisitor
{
    private readonly Dictionary<ParameterExpression, ParameterExpression> _renamed = [];

    /// <summary>The expression with every lambda's parameters renamed to fresh ones.</summary>
    public static Expression Of(Expression body) => new FreshLambdas().Visit(body);

    /// <inheritdoc/>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(node))]
    public override Expression? Visit(Expression? node)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        return base.Visit(node);
    }

    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        var parameters = node.Parameters.Select(p => _renamed[p] = Expression.Parameter(p.Type, p.Name)).ToList();
        return Expression.Lambda(node.Type, Visit(node.Body), node.Name, node.TailCall, parameters);
    }

    protected override Expression VisitParameter(ParameterExpression node) => _renamed.GetValueOrDefault(node) ?? node;
}
