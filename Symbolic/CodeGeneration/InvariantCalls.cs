using System.Linq.Expressions;
using System.Reflection;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Calls of run-time functions of the model's inputs alone — a batched fold's <see cref="SequenceBatches.Steps(double[][][], int)"/>
/// and <see cref="SequenceBatches.HaveOneLength(double[][][], int)"/> — evaluated once per call into locals at the top of the
/// method. The fold's count is written into the positions that read its last state (<c>states[T·B·H + k]</c>), so without
/// this each such read compares the B sequences' lengths again: 1,536 times per call of the RNN benchmark's gradient
/// (10.5 µs measured, Stopwatch, shared machine).
/// </summary>
/// <remarks>
/// Sound because the functions are pure and total (a null or short array of sequences is an answer, not an exception, so
/// evaluating them before the method's argument checks changes nothing) and their arguments are parameters of the method,
/// which it never assigns, constants, and a batch's size known when the model runs made of those (<c>sequences.Length</c>,
/// <c>Math.Min(xs.Length, ys.Length)</c>, sums and products): a length read of an array that is null is the one thing
/// there that throws, so the call is then not made (the local holds the default value, which nothing reads: the
/// argument checks fail first, where the call was).
/// </remarks>
internal sealed class InvariantCalls : ExpressionVisitor
{
    private static readonly HashSet<MethodInfo> Hoisted = [.. typeof(SequenceBatches).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => m.Name is nameof(SequenceBatches.Steps) or nameof(SequenceBatches.HaveOneLength))];

    private static readonly HashSet<MethodInfo> Sizes = [typeof(Math).GetMethod(nameof(Math.Min), [typeof(int), typeof(int)])!,
        typeof(Math).GetMethod(nameof(Math.Max), [typeof(int), typeof(int)])!];

    private readonly HashSet<ParameterExpression> _assigned;
    private readonly List<(MethodCallExpression Call, ParameterExpression Local)> _locals = [];
    private readonly List<Expression> _assignments = [];

    private InvariantCalls(HashSet<ParameterExpression> assigned) => _assigned = assigned;

    /// <summary>The method's body with those calls read from locals, the locals, and their assignments (to run first).</summary>
    public static (Expression Body, IReadOnlyList<ParameterExpression> Locals, IReadOnlyList<Expression> Assignments) Hoist(Expression body)
    {
        // Found by an iterative walk first, so a deep body without such calls (a forty-thousand-term sum) is never visited recursively.
        if (!Calls(body)) return (body, [], []);
        // Variables the body sets or declares (a nested lambda's parameters too) are not the method's inputs.
        var declared = BatchedStepProduct.SetIn(body);
        var pending = new Stack<Expression>([body]);
        while (pending.TryPop(out var e))
        {
            if (e is LambdaExpression lambda) declared.UnionWith(lambda.Parameters);
            foreach (var child in Diagnostics.ExpressionChildren.Of(e)) pending.Push(child);
        }
        var calls = new InvariantCalls(declared);
        try
        {
            var rewritten = calls.Visit(body);
            return (rewritten, [.. calls._locals.Select(l => l.Local)], calls._assignments);
        }
        catch (InsufficientExecutionStackException)
        {
            return (body, [], []);
        }
    }

    private static bool Calls(Expression body)
    {
        var pending = new Stack<Expression>([body]);
        while (pending.TryPop(out var e))
        {
            if (e is MethodCallExpression call && Hoisted.Contains(call.Method)) return true;
            foreach (var child in Diagnostics.ExpressionChildren.Of(e)) pending.Push(child);
        }
        return false;
    }

    /// <inheritdoc/>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(node))]
    public override Expression? Visit(Expression? node)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        return base.Visit(node);
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var lengths = new List<Expression>();
        if (!Hoisted.Contains(node.Method) || node.Arguments is not [ParameterExpression data, var count] || _assigned.Contains(data) || !Invariant(count, lengths))
            return base.VisitMethodCall(node);
        var known = _locals.FindIndex(l => Diagnostics.SameExpression.Equal(l.Call, node));
        if (known >= 0) return _locals[known].Local;
        var local = Expression.Variable(node.Type, node.Method.Name == nameof(SequenceBatches.Steps) ? "steps" : "oneLength");
        _locals.Add((node, local));
        // The arrays whose lengths the count reads are tested first: a null one is left to the method's checks.
        var test = lengths.Distinct().Select(a => (Expression)Expression.NotEqual(a, Expression.Constant(null, a.Type))).Aggregate((Expression?)null, (all, t) => all is null ? t : Expression.AndAlso(all, t));
        _assignments.Add(Expression.Assign(local, test is null ? node : Expression.Condition(test, node, Expression.Default(node.Type))));
        return local;
    }

    /// <summary>
    /// Whether a count is the same throughout the method: constants, parameters it never assigns, their arrays' lengths
    /// (collected into <paramref name="lengths"/>), and sums, products, minima and maxima of those.
    /// </summary>
    private bool Invariant(Expression count, List<Expression> lengths)
    {
        var pending = new Stack<Expression>([count]);
        while (pending.TryPop(out var e))
        {
            switch (e)
            {
                case ConstantExpression:
                    break;
                case UnaryExpression { NodeType: ExpressionType.ArrayLength, Operand: ParameterExpression array } when !_assigned.Contains(array):
                    lengths.Add(array);
                    break;
                case MemberExpression { Member.Name: nameof(Array.Length), Expression: ParameterExpression array } when array.Type.IsArray && !_assigned.Contains(array):
                    lengths.Add(array);
                    break;
                case ParameterExpression p when !_assigned.Contains(p):
                    break;
                case BinaryExpression { NodeType: ExpressionType.Add or ExpressionType.Multiply, Method: null } binary:
                    pending.Push(binary.Left);
                    pending.Push(binary.Right);
                    break;
                case MethodCallExpression { Object: null } call when Sizes.Contains(call.Method):
                    foreach (var argument in call.Arguments) pending.Push(argument);
                    break;
                default:
                    return false;
            }
        }
        return true;
    }
}
