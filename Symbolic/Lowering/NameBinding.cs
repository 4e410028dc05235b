using System.Linq.Expressions;
using System.Reflection;
using Symbolic.Diagnostics;
using Symbolic.Extensibility;

namespace Symbolic.Lowering;

/// <summary>
/// Reads names for intermediate values (<see cref="Functions.Let{TResult}(double, Func{double, TResult})"/>, and
/// <see cref="FunctionsF.Let{TResult}(float, Func{float, TResult})"/> in float models) and array values built inside a
/// model, before lowering:
/// <list type="bullet">
/// <item>a scalar <c>Let(value, v =&gt; body)</c> becomes the block <c>{ v = value; body }</c>, which lowering reads
/// as one node named v: the value is computed once, where the Let is;</item>
/// <item>an array <c>Let(array, h =&gt; body)</c> and a call to a method whose inline definition returns double[] (float[])
/// are substituted, and reads of the array become reads of its elements: <c>seq.ToArray()[k]</c> is the
/// element's expression at k, <c>.Length</c> the sequence's count, a LINQ operator over it the operator over the
/// sequence. So no array is allocated and the model is exactly its written-out form, which recognition turns into
/// matrix products; elements with the same expression are one node of the graph.</item>
/// </list>
/// A read whose index is not known to be in range is guarded, so it throws <see cref="IndexOutOfRangeException"/>
/// as C# would; the index of <c>Enumerable.Range(0, n)</c>'s lambda reading an array of n elements needs no guard.
/// </summary>
internal sealed class NameBinding : ExpressionVisitor
{
    private readonly DerivativeRegistry _rules;
    private readonly HashSet<MethodInfo> _acyclic = [];
    // Parameters of lambdas over Enumerable.Range(0, n) enclosing the node being visited, with their n.
    private readonly Dictionary<ParameterExpression, Expression> _ranges = [];

    private NameBinding(DerivativeRegistry rules) => _rules = rules;

    /// <summary>The expression with its names bound and its array reads resolved (unchanged when there are none).</summary>
    /// <param name="body">A model's body, or an inline definition at a call's arguments.</param>
    /// <param name="rules">The registry the compilation reads inline definitions from.</param>
    /// <remarks>The scan for names is iterative, so deep models without them never recurse here.</remarks>
    public static Expression Bind(Expression body, DerivativeRegistry rules)
    {
        if (!MentionsNames(body)) return body;
        try { return new NameBinding(rules).Visit(body); }
        catch (InsufficientExecutionStackException)
        {
            throw Errors.NotDifferentiable(body, "it is too deeply nested to bind its names (Functions.Let, arrays built inside the model)");
        }
    }

    /// <inheritdoc/>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(node))]
    public override Expression? Visit(Expression? node)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        return base.Visit(node);
    }

    private static bool MentionsNames(Expression body)
    {
        var pending = new Stack<Expression>([body]);
        while (pending.TryPop(out var e))
        {
            if (e is MethodCallExpression { Object: null } call && (IsLet(call) || IsToArray(call) || IsVector(call.Type) && !IsLibraryMethod(call.Method))) return true;
            if (e is BinaryExpression { NodeType: ExpressionType.ArrayIndex, Left: NewArrayExpression }) return true;
            foreach (var child in ExpressionChildren.Of(e)) pending.Push(child);
        }
        return false;
    }

    private static bool IsLet(MethodCallExpression call) =>
        (call.Method.DeclaringType == typeof(Functions) || call.Method.DeclaringType == typeof(FunctionsF)) && call.Method.Name == nameof(Functions.Let);

    // The values a model computes in: double, or float in a float model (the model's own type checks refuse a mix).
    private static bool IsScalar(Type type) => type == typeof(double) || type == typeof(float);

    private static bool IsVector(Type type) => type == typeof(double[]) || type == typeof(float[]);

    private static bool IsToArray(Expression e) => e is MethodCallExpression { Method.Name: nameof(Enumerable.ToArray) } call && call.Method.DeclaringType == typeof(Enumerable);

    private static bool IsLibraryMethod(MethodInfo method) =>
        method.DeclaringType == typeof(Enumerable) || method.DeclaringType == typeof(Math) || method.DeclaringType == typeof(Linalg);

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node.Object is null && IsLet(node)) return BindLet(node);
        if (node.Object is null && IsVector(node.Type) && !IsLibraryMethod(node.Method) && InlineRule(node) is { } rule)
            return Visit(InlineExpansion.Body(node.Update(null, node.Arguments.Select(a => Visit(a))), rule, _rules, _acyclic));
        if (node.Method.DeclaringType == typeof(Enumerable) && node.Arguments.Count > 0)
            return VisitLinq(node);
        return base.VisitMethodCall(node);
    }

    /// <summary>Let(value, v =&gt; body): a block for a double that the body reads as a double; the body at the value otherwise.</summary>
    private Expression BindLet(MethodCallExpression let)
    {
        if (let.Arguments[1] is not LambdaExpression { Parameters: [var name] } body)
            throw Errors.NotDifferentiable(let, "Functions.Let must be given its body as a lambda written inline (v => ...)");
        if (!IsScalar(body.ReturnType) && !IsVector(body.ReturnType))
            throw Errors.NotDifferentiable(let, $"{let.Method.DeclaringType!.Name}.Let's body returns {body.ReturnType.Name}; inside a model it must return a double or a double[] (a float or a float[] in a float model)");
        var value = Visit(let.Arguments[0]);
        if (IsScalar(value.Type) && body.ReturnType == value.Type)
        {
            // A variable of its own per Let: a definition expanded twice binds two values.
            var variable = Expression.Variable(value.Type, name.Name);
            return Expression.Block(value.Type, [variable], Expression.Assign(variable, value), Visit(Substitution.Replace(body.Body, name, variable)));
        }
        return Visit(Substitution.Replace(body.Body, name, value));
    }

    private InlinedCall? InlineRule(MethodCallExpression call)
    {
        try
        {
            return _rules.Find(call.Method) as InlinedCall;
        }
        catch (NotSupportedException e)
        {
            throw Errors.NotDifferentiable(call, e.Message);
        }
    }

    /// <summary>A LINQ operator: over an array built from a sequence it runs over the sequence; lambdas over a range record their index's bound.</summary>
    private Expression VisitLinq(MethodCallExpression node)
    {
        var bound = node.Arguments[0] is MethodCallExpression { Method.Name: nameof(Enumerable.Range), Arguments: [ConstantExpression { Value: 0 }, var count] } range
            && range.Method.DeclaringType == typeof(Enumerable) ? count : null;
        var parameters = node.Method.GetParameters();
        var arguments = node.Arguments.Select((argument, k) =>
        {
            var visited = VisitInRange(node.Method, argument, bound);
            return visited is MethodCallExpression toArray && IsToArray(toArray) && parameters[k].ParameterType.IsAssignableFrom(toArray.Arguments[0].Type)
                ? toArray.Arguments[0]
                : visited;
        }).ToList();
        return node.Update(null, arguments);
    }

    private Expression VisitInRange(MethodInfo method, Expression argument, Expression? bound)
    {
        if (bound is null || argument is not LambdaExpression lambda) return Visit(argument);
        foreach (var p in PositionsOf(method, lambda)) _ranges[p] = bound;
        try { return Visit(argument); }
        finally { foreach (var p in lambda.Parameters) _ranges.Remove(p); }
    }

    /// <summary>
    /// The parameters of a lambda given to a LINQ operator over <c>Range(0, n)</c> that take the range's elements or
    /// positions, so lie in [0, n): an element selector's, an indexed selector's two, a fold step's element (its
    /// accumulator, and a Zip's other sequence, can hold anything).
    /// </summary>
    private static IEnumerable<ParameterExpression> PositionsOf(MethodInfo method, LambdaExpression lambda) => method.Name switch
    {
        nameof(Enumerable.Aggregate) => lambda.Parameters.Count == 2 && lambda.Parameters[1].Type == typeof(int) ? [lambda.Parameters[1]] : [],
        nameof(Enumerable.Select) or nameof(Enumerable.Where) or nameof(Enumerable.Sum) or nameof(Enumerable.Average) or nameof(Enumerable.Max)
            or nameof(Enumerable.Min) or nameof(Enumerable.Count) or nameof(Enumerable.Any) or nameof(Enumerable.All)
            => lambda.Parameters.Where(p => p.Type == typeof(int)),
        _ => [],
    };

    protected override Expression VisitBinary(BinaryExpression node)
    {
        if (node.NodeType != ExpressionType.ArrayIndex) return base.VisitBinary(node);
        var (array, index) = (Visit(node.Left), Visit(node.Right));
        return array switch
        {
            MethodCallExpression toArray when IsToArray(toArray) => ElementOf(toArray, index, node),
            NewArrayExpression { NodeType: ExpressionType.NewArrayInit } literal => LiteralElement(literal, index, node),
            _ => node.Update(array, null, index),
        };
    }

    protected override Expression VisitUnary(UnaryExpression node)
    {
        if (node.NodeType != ExpressionType.ArrayLength) return base.VisitUnary(node);
        return Visit(node.Operand) switch
        {
            MethodCallExpression toArray when IsToArray(toArray) => Sequence(toArray, node).Count,
            NewArrayExpression { NodeType: ExpressionType.NewArrayInit } literal => Expression.Constant(literal.Expressions.Count),
            var operand => node.Update(operand),
        };
    }

    /// <summary>The sequence an array is built from; an array of a filtered sequence has positions Symbolic does not track.</summary>
    private static Sequence Sequence(MethodCallExpression toArray, Expression read)
    {
        var sequence = LinqOperators.Read(toArray.Arguments[0], 0);
        if (sequence.Filter is not null)
            throw Errors.NotDifferentiable(read, "it reads an array built from a filtered sequence (Where) by position, which Symbolic does not track; sum over the sequence instead");
        return sequence;
    }

    /// <summary><c>seq.ToArray()[index]</c>: the element's expression at the index, guarded unless the index is certainly in range.</summary>
    private Expression ElementOf(MethodCallExpression toArray, Expression index, BinaryExpression read)
    {
        var sequence = Sequence(toArray, read);
        var element = Substitution.Replace(sequence.Element, sequence.Index, index);
        return InRange(index, sequence.Count) ? element : Guarded(index, sequence.Count, element);
    }

    /// <summary><c>new[] { e0, e1, … }[index]</c>: the element at a constant index, a chain of tests otherwise.</summary>
    private static Expression LiteralElement(NewArrayExpression literal, Expression index, BinaryExpression read)
    {
        if (!IsVector(literal.Type)) throw Errors.NotDifferentiable(read, $"it reads an array of {literal.Type.GetElementType()!.Name} built inside the model");
        var count = Expression.Constant(literal.Expressions.Count);
        if (index is ConstantExpression { Value: int at } && at >= 0 && at < literal.Expressions.Count) return literal.Expressions[at];
        Expression chosen = OutOfRange(literal.Type.GetElementType()!);
        for (var k = literal.Expressions.Count - 1; k >= 0; k--)
            chosen = Expression.Condition(Expression.Equal(index, Expression.Constant(k)), literal.Expressions[k], chosen);
        return chosen;
    }

    private static Expression Guarded(Expression index, Expression count, Expression element) =>
        Expression.Condition(Expression.AndAlso(Expression.GreaterThanOrEqual(index, Expression.Constant(0)), Expression.LessThan(index, count)),
            element, OutOfRange(element.Type));

    private static Expression OutOfRange(Type element) =>
        Expression.Throw(Expression.New(typeof(IndexOutOfRangeException).GetConstructor([typeof(string)])!,
            Expression.Constant("Index was outside the bounds of the array.")), element);

    /// <summary>Whether <paramref name="index"/> is certainly in [0, count): a constant inside it, or the index of a range of that count (or less).</summary>
    private bool InRange(Expression index, Expression count)
    {
        var length = Runtime.LinqRuntime.Dimension(count);
        if (index is ConstantExpression { Value: int at }) return length is ConstantExpression { Value: int n } && at >= 0 && at < n;
        if (index is not ParameterExpression p || !_ranges.TryGetValue(p, out var bound)) return false;
        var rangeLength = Runtime.LinqRuntime.Dimension(Expression.Call(typeof(Runtime.LinqRuntime).GetMethod(nameof(Runtime.LinqRuntime.RangeCount))!, bound));
        if (rangeLength is ConstantExpression { Value: int m } && length is ConstantExpression { Value: int n2 }) return m <= n2;
        return SameCount(bound, count);
    }

    /// <summary>Two counts that are the same expression of captured values: <c>Range(0, x.Length)</c> over an array of x.Length elements.</summary>
    private static bool SameCount(Expression a, Expression b) => (Runtime.LinqRuntime.Unchecked(a), Runtime.LinqRuntime.Unchecked(b)) switch
    {
        (ParameterExpression p, ParameterExpression q) => p == q,
        (ConstantExpression p, ConstantExpression q) => Equals(p.Value, q.Value),
        (MemberExpression p, MemberExpression q) => p.Member == q.Member && (p.Expression is null && q.Expression is null || p.Expression is not null && q.Expression is not null && SameCount(p.Expression, q.Expression)),
        (UnaryExpression { NodeType: ExpressionType.ArrayLength } p, UnaryExpression { NodeType: ExpressionType.ArrayLength } q) => SameCount(p.Operand, q.Operand),
        _ => false,
    };
}
