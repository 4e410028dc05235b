using System.Linq.Expressions;
using System.Reflection;
using Symbolic.Diagnostics;
using Symbolic.Runtime;

namespace Symbolic.Lowering;

/// <summary>
/// Reads LINQ sources and aggregates: <c>Enumerable.Range</c>, arrays, <c>Select</c> (with and without
/// index), <c>Where</c>, <c>Zip</c> into a <see cref="Sequence"/>; <c>Sum</c>, <c>Average</c> and
/// <c>Count</c> over them. Query syntax compiles to these calls, so it is read too.
/// </summary>
internal static class LinqOperators
{
    private static readonly MethodInfo MinInt = typeof(Math).GetMethod(nameof(Math.Min), [typeof(int), typeof(int)])!;

    /// <remarks>An aggregate of integers (Sum or Average of ints) is not read: it is an opaque value, or an error if it reads a variable.</remarks>
    /// <param name="call">The call.</param>
    /// <param name="element">The model's element type: an aggregate of another floating type is not the model's arithmetic.</param>
    public static bool IsAggregate(MethodCallExpression call, Type element) =>
        call.Method.DeclaringType == typeof(Enumerable) && SummandIs(call, element)
        && call.Method.Name is nameof(Enumerable.Sum) or nameof(Enumerable.Average) or nameof(Enumerable.Count) or nameof(Enumerable.Max) or nameof(Enumerable.Min)
        && (call.Type == element || call.Type == typeof(int) && call.Method.Name == nameof(Enumerable.Count));

    /// <summary>The sequence an expression denotes, or an exception naming the operator Symbolic cannot read.</summary>
    public static Sequence Read(Expression source, int depth)
    {
        switch (source)
        {
            case MethodCallExpression { Method.Name: nameof(Enumerable.Range) } range when range.Method.DeclaringType == typeof(Enumerable):
            {
                var index = NewIndex(depth);
                var start = range.Arguments[0];
                var element = start is ConstantExpression { Value: 0 } ? index : (Expression)Expression.Add(start, index);
                return new Sequence(index, Expression.Call(typeof(LinqRuntime).GetMethod(nameof(LinqRuntime.RangeCount))!, range.Arguments[1]), element, null);
            }
            case { Type.IsArray: true } array when array.Type.GetArrayRank() == 1:
            {
                var index = NewIndex(depth);
                return new Sequence(index, Expression.ArrayLength(array), Expression.ArrayIndex(array, index), null);
            }
            case MethodCallExpression { Method.Name: nameof(Enumerable.Select) } select when IsEnumerable(select):
            {
                var inner = Read(select.Arguments[0], depth);
                var selector = Lambda(select.Arguments[1]);
                if (selector.Parameters.Count == 2 && inner.Filter is not null)
                    throw Errors.NotDifferentiable(select, "an indexed Select after Where counts the positions of the kept elements, which Symbolic does not track");
                var element = selector.Parameters.Count == 1
                    ? Substitution.Apply(selector, inner.Element)
                    : Substitution.Apply(selector, inner.Element, inner.Index);
                return inner with { Element = element };
            }
            case MethodCallExpression { Method.Name: nameof(Enumerable.Where) } where when IsEnumerable(where):
            {
                var inner = Read(where.Arguments[0], depth);
                var predicate = Lambda(where.Arguments[1]);
                if (predicate.Parameters.Count == 2 && inner.Filter is not null)
                    throw Errors.NotDifferentiable(where, "an indexed Where after another Where counts positions Symbolic does not track");
                var test = predicate.Parameters.Count == 1
                    ? Substitution.Apply(predicate, inner.Element)
                    : Substitution.Apply(predicate, inner.Element, inner.Index);
                return inner with { Filter = inner.Filter is null ? test : Expression.AndAlso(inner.Filter, test) };
            }
            case MethodCallExpression { Method.Name: nameof(Enumerable.Zip) } zip when IsEnumerable(zip):
            {
                var index = NewIndex(depth);
                var withSelector = zip.Arguments.Count == 3 && IsLambda(zip.Arguments[2]);
                var sources = (withSelector ? zip.Arguments.Take(2) : zip.Arguments).Select(s => Read(s, depth).WithIndex(index)).ToList();
                if (sources.Any(s => s.Filter is not null))
                    throw Errors.NotDifferentiable(zip, "Zip after Where pairs elements by filtered position, which Symbolic does not track");
                // Without a selector Zip yields tuples (First, Second[, Third]).
                var element = withSelector
                    ? Substitution.Apply(Lambda(zip.Arguments[2]), sources[0].Element, sources[1].Element)
                    : Expression.New(zip.Type.GetGenericArguments()[0].GetConstructors()[0], sources.Select(s => s.Element));
                var count = sources.Skip(1).Aggregate(sources[0].Count, (shortest, s) => Expression.Call(MinInt, shortest, s.Count));
                return new Sequence(index, count, element, null);
            }
            default:
                throw Errors.NotDifferentiable(source, "it is not a sequence Symbolic reads (Enumerable.Range, an array, Select, Where, Zip)");
        }
    }

    private static bool SummandIs(MethodCallExpression call, Type element) => call.Method.Name == nameof(Enumerable.Count) || call.Arguments switch
    {
        [var source] => source.Type.GetInterfaces().Append(source.Type).Any(t => t == typeof(IEnumerable<>).MakeGenericType(element)),
        [_, var selector] => IsLambda(selector) && Lambda(selector).ReturnType == element,
        _ => false,
    };

    private static bool IsEnumerable(MethodCallExpression call) => call.Method.DeclaringType == typeof(Enumerable);

    private static bool IsLambda(Expression argument) => argument is LambdaExpression or UnaryExpression { NodeType: ExpressionType.Quote };

    private static LambdaExpression Lambda(Expression argument) => argument switch
    {
        LambdaExpression lambda => lambda,
        UnaryExpression { NodeType: ExpressionType.Quote, Operand: LambdaExpression lambda } => lambda,
        _ => throw Errors.NotDifferentiable(argument, "LINQ operators must be given lambdas written inline"),
    };

    /// <summary>The selector of an aggregate (Sum(source, selector)), applied to the element, or the element itself.</summary>
    public static Expression Summand(MethodCallExpression aggregate, Sequence sequence) =>
        aggregate.Arguments.Count == 2 ? Substitution.Apply(Lambda(aggregate.Arguments[1]), sequence.Element) : sequence.Element;

    private static readonly string[] IndexNames = ["i", "j", "k", "l", "m"];

    private static ParameterExpression NewIndex(int depth) =>
        Expression.Parameter(typeof(int), depth < IndexNames.Length ? IndexNames[depth] : $"i{depth}");
}
