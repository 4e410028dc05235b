using System.Linq.Expressions;
using System.Reflection;

namespace Symbolic.Lowering;

/// <summary>
/// Reads <see cref="Linalg"/> calls inside a model as the sums they stand for: <c>MatVec(A, x)[i]</c> is
/// Σₖ A[i, k]·x[k], <c>MatMul(A, B)[i, j]</c> is Σₖ A[i, k]·B[k, j], <c>Dot(x, y)</c> is Σₖ xₖ·yₖ,
/// <c>Outer(x, y)[i, j]</c> is xᵢ·yⱼ, <c>Transpose(A)[i, j]</c> is A[j, i], <c>Matrix(v, o, r, c)[i, j]</c>
/// is v[o + i·c + j]; lengths are read off the operands, and a sequence over a result is a range over its
/// elements. Differentiation then needs nothing new, and recognition turns the products back into
/// kernel calls.
/// </summary>
internal sealed class LinalgExpansion : ExpressionVisitor
{
    private static readonly MethodInfo InnerMethod = typeof(Linalg).GetMethod(nameof(Linalg.Inner), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The expression with every Linalg call it reads expanded (unchanged when there is none).</summary>
    /// <remarks>The scan for Linalg calls is iterative, so deep models without them never recurse here.</remarks>
    public static Expression Expand(Expression body)
    {
        if (!MentionsLinalg(body)) return body;
        try { return new LinalgExpansion().Visit(body); }
        catch (InsufficientExecutionStackException)
        {
            throw Diagnostics.Errors.NotDifferentiable(body, "it is too deeply nested to expand its Linalg calls");
        }
    }

    /// <inheritdoc/>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(node))]
    public override Expression? Visit(Expression? node)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        return base.Visit(node);
    }

    private static bool MentionsLinalg(Expression body)
    {
        var pending = new Stack<Expression>([body]);
        while (pending.TryPop(out var e))
        {
            if (e is MethodCallExpression { Method.DeclaringType: var type } && type == typeof(Linalg)) return true;
            foreach (var child in Diagnostics.ExpressionChildren.Of(e)) pending.Push(child);
        }
        return false;
    }

    private static bool IsLinalg(Expression e, out MethodCallExpression call)
    {
        call = (e as MethodCallExpression)!;
        return e is MethodCallExpression { Object: null } c && c.Method.DeclaringType == typeof(Linalg)
            && c.Method.GetParameters().All(p => p.ParameterType == typeof(int) || p.ParameterType.IsArray && p.ParameterType.GetElementType() is { } e && (e == typeof(double) || e == typeof(float)));
    }

    protected override Expression VisitBinary(BinaryExpression node) =>
        node.NodeType == ExpressionType.ArrayIndex && IsLinalg(node.Left, out var call) ? Visit(Element(call, [node.Right])) : base.VisitBinary(node);

    protected override Expression VisitUnary(UnaryExpression node) =>
        node.NodeType == ExpressionType.ArrayLength && IsLinalg(node.Operand, out var call) ? Visit(Length(call, 0)) : base.VisitUnary(node);

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node.Object is { } target && IsLinalg(target, out var call))
        {
            if (node.Method.Name == "Get") return Visit(Element(call, node.Arguments));
            if (node.Method.Name == nameof(Array.GetLength) && node.Arguments[0] is ConstantExpression { Value: int dimension }) return Visit(Length(call, dimension));
        }
        if (IsLinalg(node, out var dot) && dot.Method.Name == nameof(Linalg.Dot))
        {
            var (x, y) = (dot.Arguments[0], dot.Arguments[1]);
            return Visit(Sum(Inner(Expression.ArrayLength(x), Expression.ArrayLength(y), "Dot"), k => Expression.Multiply(Expression.ArrayIndex(x, k), Expression.ArrayIndex(y, k))));
        }
        // A sequence over a result (MatVec(A, x).Sum(...)) is a range over its elements.
        if (node.Method.DeclaringType == typeof(Enumerable) && node.Arguments.Count > 0 && IsLinalg(node.Arguments[0], out var source) && (source.Type == typeof(double[]) || source.Type == typeof(float[])))
        {
            var i = Expression.Parameter(typeof(int), "i");
            var element = source.Type.GetElementType()!;
            var elements = Expression.Call(typeof(Enumerable), nameof(Enumerable.Select), [typeof(int), element],
                Range(Length(source, 0)), Expression.Lambda(Element(source, [i]), i));
            var generic = node.Method.GetGenericMethodDefinition();
            return Visit(Expression.Call(generic.MakeGenericMethod([.. node.Method.GetGenericArguments().Select((t, k) => k == 0 ? element : t)]),
                [elements, .. node.Arguments.Skip(1)]));
        }
        return base.VisitMethodCall(node);
    }

    /// <summary>The element of a call's result at the given indices, in terms of its operands.</summary>
    private static Expression Element(MethodCallExpression call, IReadOnlyList<Expression> at)
    {
        var a = call.Arguments;
        return call.Method.Name switch
        {
            nameof(Linalg.MatVec) => Sum(Inner(Columns(a[0]), Expression.ArrayLength(a[1]), "MatVec"),
                k => Expression.Multiply(Expression.ArrayIndex(a[0], at[0], k), Expression.ArrayIndex(a[1], k))),
            nameof(Linalg.MatMul) => Sum(Inner(Columns(a[0]), Rows(a[1]), "MatMul"),
                k => Expression.Multiply(Expression.ArrayIndex(a[0], at[0], k), Expression.ArrayIndex(a[1], k, at[1]))),
            nameof(Linalg.Outer) => Expression.Multiply(Expression.ArrayIndex(a[0], at[0]), Expression.ArrayIndex(a[1], at[1])),
            nameof(Linalg.Transpose) => Expression.ArrayIndex(a[0], at[1], at[0]),
            nameof(Linalg.Matrix) => Expression.ArrayIndex(a[0], Expression.Add(a[1], Expression.Add(Expression.Multiply(at[0], a[3]), at[1]))),
            _ => throw Diagnostics.Errors.NotDifferentiable(call, $"Linalg.{call.Method.Name} has no elementwise reading"),
        };
    }

    /// <summary>The length of a call's result along a dimension.</summary>
    private static Expression Length(MethodCallExpression call, int dimension)
    {
        var a = call.Arguments;
        return (call.Method.Name, dimension) switch
        {
            (nameof(Linalg.MatVec), 0) or (nameof(Linalg.MatMul), 0) => Rows(a[0]),
            (nameof(Linalg.MatMul), 1) => Columns(a[1]),
            (nameof(Linalg.Outer), _) => Expression.ArrayLength(a[dimension]),
            (nameof(Linalg.Transpose), _) => dimension == 0 ? Columns(a[0]) : Rows(a[0]),
            (nameof(Linalg.Matrix), _) => a[2 + dimension],
            _ => throw Diagnostics.Errors.NotDifferentiable(call, $"Linalg.{call.Method.Name} has no dimension {dimension}"),
        };
    }

    // Array.GetLength by its MethodInfo, not by name on double[,]: a trimmed (NativeAOT) application keeps no
    // member of double[,] that a name lookup could find, and the lookup threw there.
    private static readonly MethodInfo GetLength = typeof(Array).GetMethod(nameof(Array.GetLength), [typeof(int)])!;

    private static Expression Rows(Expression matrix) => Expression.Call(matrix, GetLength, Expression.Constant(0));
    private static Expression Columns(Expression matrix) => Expression.Call(matrix, GetLength, Expression.Constant(1));

    private static Expression Inner(Expression left, Expression right, string operation) => Expression.Call(InnerMethod, left, right, Expression.Constant(operation));

    private static MethodCallExpression Range(Expression count) =>
        Expression.Call(typeof(Enumerable), nameof(Enumerable.Range), null, Expression.Constant(0), count);

    /// <summary>Enumerable.Range(0, count).Sum(k => term(k)), in the term's type (double, or float for the float overloads).</summary>
    private static Expression Sum(Expression count, Func<ParameterExpression, Expression> term)
    {
        var k = Expression.Parameter(typeof(int), "k");
        var body = term(k);
        return Expression.Call(typeof(Enumerable), nameof(Enumerable.Sum), [typeof(int)], Range(count), Expression.Lambda(typeof(Func<,>).MakeGenericType(typeof(int), body.Type), body, k));
    }
}
