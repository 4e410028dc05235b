using System.Linq.Expressions;

namespace Symbolic.Tests.Generators;

/// <summary>Turns a <see cref="Term"/> into the LINQ lambda a user would have written.</summary>
public static class TermExpressions
{
    private static readonly string[] Names = ["x", "y", "z", "w"];

    /// <summary>A lambda of <paramref name="arity"/> double parameters (x, y, z, w) returning the term.</summary>
    public static LambdaExpression ToLambda(Term body, int arity)
    {
        var parameters = Names.Take(arity).Select(n => Expression.Parameter(typeof(double), n)).ToArray();
        return Expression.Lambda(ToExpression(body, parameters), parameters);
    }

    private static Expression ToExpression(Term term, ParameterExpression[] parameters) => term switch
    {
        VariableTerm v => parameters[v.Index],
        ConstantTerm c => Expression.Constant(c.Value),
        CapturedTerm c => CapturedValue.Read(c.Value),
        FormTerm f => f.Form.Build([.. f.Operands.Select(o => ToExpression(o, parameters))], f.Parameter),
        ConditionalTerm c => Expression.Condition(ToExpression(c.Test, parameters), ToExpression(c.IfTrue, parameters), ToExpression(c.IfFalse, parameters)),
        _ => throw new ArgumentOutOfRangeException(nameof(term), term, "Unknown term."),
    };

    private static Expression ToExpression(Condition condition, ParameterExpression[] parameters) => condition switch
    {
        ComparisonCondition c => Expression.MakeBinary(c.Comparison, ToExpression(c.Left, parameters), ToExpression(c.Right, parameters)),
        LogicalCondition l => Expression.MakeBinary(l.Connective, ToExpression(l.Left, parameters), ToExpression(l.Right, parameters)),
        NotCondition n => Expression.Not(ToExpression(n.Operand, parameters)),
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "Unknown condition."),
    };
}
