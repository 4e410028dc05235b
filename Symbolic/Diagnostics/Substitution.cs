using System.Linq.Expressions;

namespace Symbolic.Diagnostics;

/// <summary>Replaces parameters by expressions (inlining a selector's body at an element).</summary>
internal sealed class Substitution(IReadOnlyDictionary<ParameterExpression, Expression> replacements) : ExpressionVisitor
{
    public static Expression Replace(Expression body, ParameterExpression parameter, Expression replacement) =>
        new Substitution(new Dictionary<ParameterExpression, Expression> { [parameter] = replacement }).Visit(body);

    public static Expression Apply(LambdaExpression lambda, params Expression[] arguments) =>
        new Substitution(lambda.Parameters.Zip(arguments).ToDictionary(p => p.First, p => p.Second)).Visit(lambda.Body);

    protected override Expression VisitParameter(ParameterExpression node) => replacements.GetValueOrDefault(node) ?? node;

    // Zip without a selector yields tuples: (a[i], b[i]).First is a[i], so the tuple never reaches lowering.
    protected override Expression VisitMember(MemberExpression node)
    {
        var target = Visit(node.Expression);
        if (target is NewExpression { Type.IsValueType: true } tuple && tuple.Type.FullName?.StartsWith("System.ValueTuple", StringComparison.Ordinal) == true
            && node.Member.Name.StartsWith("Item", StringComparison.Ordinal) && int.TryParse(node.Member.Name[4..], out var position))
            return tuple.Arguments[position - 1];
        return node.Update(target);
    }
}
