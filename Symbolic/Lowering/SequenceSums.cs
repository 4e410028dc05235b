using System.Linq.Expressions;
using System.Reflection;
using Symbolic.Diagnostics;

namespace Symbolic.Lowering;

/// <summary>
/// The other ways of writing a sum over a batch of sequences, as the range sum <see cref="BatchedFolds"/> reads:
/// <c>sequences.Sum(s =&gt; e(s))</c>, <c>sequences.Select((s, b) =&gt; e(s, b)).Sum()</c> (or without b) and
/// <c>sequences.Zip(targets, (s, y) =&gt; e(s, y)).Sum()</c> over arrays that are arguments of the model become
/// <c>Enumerable.Range(0, n).Sum(b =&gt; e(sequences[b], b, targets[b]))</c>, n the array's length (the shorter one's for
/// <c>Zip</c>): the same terms in the same order.
/// </summary>
internal static class SequenceSums
{
    private static readonly MethodInfo Range = typeof(Enumerable).GetMethod(nameof(Enumerable.Range))!;
    private static readonly MethodInfo SumOfInts = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Sum) && m.IsGenericMethod && m.GetParameters()[1].ParameterType == typeof(Func<,>).MakeGenericType(m.GetGenericArguments()[0], typeof(double)))
        .MakeGenericMethod(typeof(int));
    private static readonly MethodInfo Min = typeof(Math).GetMethod(nameof(Math.Min), [typeof(int), typeof(int)])!;

    /// <summary>The range sum that computes <paramref name="sum"/>, or null when it is none of the forms above.</summary>
    /// <param name="sum">A call of <c>Enumerable.Sum</c>.</param>
    /// <param name="scoped">Variables of the lambdas and blocks around the sum: a source must be none of them.</param>
    public static MethodCallExpression? AsRangeSum(MethodCallExpression sum, IReadOnlySet<ParameterExpression> scoped)
    {
        if (!IsEnumerable(sum, nameof(Enumerable.Sum)) || sum.Type != typeof(double)) return null;
        var b = Expression.Parameter(typeof(int), "b");
        switch (sum.Arguments)
        {
            // sequences.Sum(s => e)
            case [ParameterExpression source, var selector] when IsData(source, scoped) && Unquote(selector) is { Parameters: [var s] } lambda:
                return Over(Expression.ArrayLength(source), b, Substitution.Replace(lambda.Body, s, Expression.ArrayIndex(source, b)));
            // sequences.Select((s, b) => e).Sum() or sequences.Select(s => e).Sum()
            case [MethodCallExpression { Arguments: [ParameterExpression source, var selector] } select] when IsEnumerable(select, nameof(Enumerable.Select))
                && IsData(source, scoped) && Unquote(selector) is { Parameters.Count: 1 or 2 } lambda && lambda.ReturnType == typeof(double):
                var body = Substitution.Replace(lambda.Body, lambda.Parameters[0], Expression.ArrayIndex(source, b));
                return Over(Expression.ArrayLength(source), b, lambda.Parameters.Count == 2 ? Substitution.Replace(body, lambda.Parameters[1], b) : body);
            // sequences.Zip(targets, (s, y) => e).Sum()
            case [MethodCallExpression { Arguments: [ParameterExpression first, ParameterExpression second, var selector] } zip] when IsEnumerable(zip, nameof(Enumerable.Zip))
                && IsData(first, scoped) && IsData(second, scoped) && Unquote(selector) is { Parameters: [var s, var y] } pair && pair.ReturnType == typeof(double):
                var count = Expression.Call(Min, Expression.ArrayLength(first), Expression.ArrayLength(second));
                return Over(count, b, Substitution.Replace(Substitution.Replace(pair.Body, s, Expression.ArrayIndex(first, b)), y, Expression.ArrayIndex(second, b)));
            default:
                return null;
        }
    }

    private static MethodCallExpression Over(Expression count, ParameterExpression b, Expression body) =>
        Expression.Call(SumOfInts, Expression.Call(Range, Expression.Constant(0), count), Expression.Lambda(body, b));

    private static bool IsData(ParameterExpression source, IReadOnlySet<ParameterExpression> scoped) => source.Type.IsArray && source.Type.GetArrayRank() == 1 && !scoped.Contains(source);

    private static bool IsEnumerable(MethodCallExpression call, string name) => call.Method.DeclaringType == typeof(Enumerable) && call.Method.Name == name;

    private static LambdaExpression? Unquote(Expression argument) => argument switch
    {
        LambdaExpression lambda => lambda,
        UnaryExpression { NodeType: ExpressionType.Quote, Operand: LambdaExpression lambda } => lambda,
        _ => null,
    };
}
