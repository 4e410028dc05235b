using System.Linq.Expressions;

namespace Symbolic.Lowering;

/// <summary>Replaces parameters by expressions (inlining a selector's body at an element).</summary>
internal sealed class Substitution(IReadOnlyDictionary<ParameterExpression, Expression> replacements) : ExpressionVisitor
{
    public static Expression Replace(Expression body, ParameterExpression parameter, Expression replacement) =>
        new Substitution(new Dictionary<ParameterExpression, Expression> { [parameter] = replacement }).Visit(body);

    public static Expression Apply(LambdaExpression lambda, params Expression[] arguments) =>
        new Substitution(lambda.Parameters.Zip(arguments).ToDictionary(p => p.First, p => p.Second)).Visit(lambda.Body);

    protected override Expression VisitParameter(ParameterExpression node) => replacements.GetValueOrDefault(node) ?? node;
}
