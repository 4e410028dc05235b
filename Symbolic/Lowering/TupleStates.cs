using System.Linq.Expressions;
using System.Reflection;
using Symbolic.Diagnostics;

namespace Symbolic.Lowering;

/// <summary>
/// The frontend's tuple-state pass: a fold whose state is a tuple of doubles (<c>ValueTuple.Create(a, b)</c> as seed
/// and step, <c>s.Item1</c>, <c>s.Item2</c> … read) is rewritten into the same fold over a <c>double[]</c> state
/// (<c>new[] { a, b }</c>, <c>s[0]</c>, <c>s[1]</c>), which lowering already reads. A tuple fold without a result
/// selector becomes <c>ValueTuple.Create(fold[0], fold[1], …)</c> of the one rewritten call, and <c>.ItemK</c> of a
/// tuple built in place is its K-th argument, so <c>xs.Aggregate(seed, step).Item2</c> reads a component of the fold.
/// </summary>
internal sealed class TupleStates : ExpressionVisitor
{
    private static readonly MethodInfo[] Aggregates = [.. typeof(Enumerable).GetMethods().Where(m => m.Name == nameof(Enumerable.Aggregate))];

    private TupleStates()
    {
    }

    /// <summary>The body with every tuple-state fold rewritten over a <c>double[]</c> state (the same object when there is none).</summary>
    /// <param name="body">The model's body.</param>
    public static Expression Rewrite(Expression body)
    {
        if (!MentionsTupleFold(body)) return body;
        try { return new TupleStates().Visit(body); }
        catch (InsufficientExecutionStackException)
        {
            throw Errors.NotDifferentiable(body, "it is too deeply nested to rewrite its folds over tuples");
        }
    }

    /// <inheritdoc/>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(node))]
    public override Expression? Visit(Expression? node)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        return base.Visit(node);
    }

    // Iterative, so that a deep model without a tuple fold (a forty-thousand-term sum) is never visited recursively.
    private static bool MentionsTupleFold(Expression body)
    {
        var pending = new Stack<Expression>([body]);
        while (pending.TryPop(out var e))
        {
            if (e is MethodCallExpression { Method.Name: nameof(Enumerable.Aggregate), Arguments.Count: >= 3 } call
                && call.Method.DeclaringType == typeof(Enumerable) && Width(call.Method.GetGenericArguments()[1]) > 0) return true;
            foreach (var child in ExpressionChildren.Of(e)) pending.Push(child);
        }
        return false;
    }

    /// <summary>The number of items of a tuple of 2 to 7 doubles, or 0 for any other type.</summary>
    private static int Width(Type type) =>
        type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal)
        && type.GetGenericArguments() is { Length: >= 2 and <= 7 } items && items.All(i => i == typeof(double)) ? type.GetGenericArguments().Length : 0;

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node.Method.DeclaringType != typeof(Enumerable) || node.Method.Name != nameof(Enumerable.Aggregate) || node.Arguments.Count < 3)
            return base.VisitMethodCall(node);
        var arguments = node.Arguments.Select(a => Visit(a)!).ToList();
        if (Unquote(arguments[2]) is not { } step || Width(step.Parameters[0].Type) is not (> 0 and var width))
            return node.Update(node.Object, arguments);

        var tupleType = step.Parameters[0].Type;
        var seed = AsArray(arguments[1], width);
        var newStep = OverArray(step, width, body => AsArray(body, width));
        var generic = node.Method.GetGenericArguments();
        var types = arguments.Count == 4 ? new[] { generic[0], typeof(double[]), generic[2] } : [generic[0], typeof(double[])];
        var method = Aggregates.Single(m => m.GetGenericArguments().Length == types.Length && m.GetParameters().Length == arguments.Count).MakeGenericMethod(types);
        var rest = arguments.Count == 4 ? [OverArray(Unquote(arguments[3])!, width, body => body)] : Array.Empty<Expression>();
        var call = Expression.Call(method, [arguments[0], seed, newStep, .. rest]);
        if (arguments.Count == 4) return call;
        // Without a result selector the fold's value is the tuple: its items are components of the one call.
        return Tuple(tupleType, [.. Enumerable.Range(0, width).Select(k => (Expression)Expression.ArrayIndex(call, Expression.Constant(k)))]);
    }

    protected override Expression VisitMember(MemberExpression node)
    {
        var inner = Visit(node.Expression);
        if (inner is not null && Width(inner.Type) > 0 && node.Member.Name.StartsWith("Item", StringComparison.Ordinal) && Items(inner) is { } items)
            return items[int.Parse(node.Member.Name.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture) - 1];
        return node.Update(inner);
    }

    /// <summary>The items of a tuple built in place (<c>ValueTuple.Create(…)</c> or <c>new ValueTuple&lt;…&gt;(…)</c>), else null.</summary>
    private static IReadOnlyList<Expression>? Items(Expression tuple) => tuple switch
    {
        MethodCallExpression { Method.DeclaringType: var t, Method.Name: nameof(ValueTuple.Create) } call when t == typeof(ValueTuple) => call.Arguments,
        NewExpression { Arguments.Count: > 0 } created => created.Arguments,
        _ => null,
    };

    /// <summary><c>new[] { a, b, … }</c> of a tuple built in place; of any other tuple-valued expression, of its items read one by one.</summary>
    private static NewArrayExpression AsArray(Expression tuple, int width) =>
        Expression.NewArrayInit(typeof(double), Items(tuple) ?? [.. Enumerable.Range(1, width).Select(k => Expression.Field(tuple, "Item" + k))]);

    /// <summary>The lambda over a <c>double[]</c> state: its tuple parameter replaced by the tuple of the array's components, then items read through.</summary>
    private LambdaExpression OverArray(LambdaExpression lambda, int width, Func<Expression, Expression> result)
    {
        var tuple = lambda.Parameters[0];
        var array = Expression.Parameter(typeof(double[]), tuple.Name);
        var components = Tuple(tuple.Type, [.. Enumerable.Range(0, width).Select(k => (Expression)Expression.ArrayIndex(array, Expression.Constant(k)))]);
        var body = result(Visit(Substitution.Replace(lambda.Body, tuple, components)));
        if (Leftover.Holds(body, tuple.Type))
            throw Errors.NotDifferentiable(lambda, "a fold's tuple state may only be read through .Item1, .Item2 …");
        return Expression.Lambda(body, [array, .. lambda.Parameters.Skip(1)]);
    }

    private static Expression Tuple(Type type, Expression[] items) =>
        Expression.New(type.GetConstructor(type.GetGenericArguments())!, items);

    private static LambdaExpression? Unquote(Expression argument) => argument switch
    {
        LambdaExpression lambda => lambda,
        UnaryExpression { NodeType: ExpressionType.Quote, Operand: LambdaExpression lambda } => lambda,
        _ => null,
    };

    /// <summary>Whether a tuple of the state's type is still built in the rewritten lambda (the state was used whole).</summary>
    private sealed class Leftover(Type type) : ExpressionVisitor
    {
        private bool _found;

        public static bool Holds(Expression body, Type type)
        {
            var finder = new Leftover(type);
            finder.Visit(body);
            return finder._found;
        }

        protected override Expression VisitNew(NewExpression node)
        {
            _found |= node.Type == type;
            return base.VisitNew(node);
        }
    }
}
