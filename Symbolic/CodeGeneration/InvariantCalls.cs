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
/// which it never assigns, and constants.
/// </remarks>
internal sealed class InvariantCalls : ExpressionVisitor
{
    private static readonly HashSet<MethodInfo> Hoisted = [.. typeof(SequenceBatches).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => m.Name is nameof(SequenceBatches.Steps) or nameof(SequenceBatches.HaveOneLength))];

    private readonly HashSet<ParameterExpression> _assigned;
    private readonly Dictionary<(MethodInfo, ParameterExpression, object?), ParameterExpression> _locals = [];
    private readonly List<Expression> _assignments = [];

    private InvariantCalls(HashSet<ParameterExpression> assigned) => _assigned = assigned;

    /// <summary>The method's body with those calls read from locals, the locals, and their assignments (to run first).</summary>
    public static (Expression Body, IReadOnlyList<ParameterExpression> Locals, IReadOnlyList<Expression> Assignments) Hoist(Expression body)
    {
        // Found by an iterative walk first, so a deep body without such calls (a forty-thousand-term sum) is never visited recursively.
        if (!Calls(body)) return (body, [], []);
        var calls = new InvariantCalls(BatchedStepProduct.SetIn(body));
        try
        {
            var rewritten = calls.Visit(body);
            return (rewritten, [.. calls._locals.Values], calls._assignments);
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
        if (!Hoisted.Contains(node.Method) || node.Arguments is not [ParameterExpression data, ConstantExpression { Value: var count }] || _assigned.Contains(data))
            return base.VisitMethodCall(node);
        var key = (node.Method, data, count);
        if (!_locals.TryGetValue(key, out var local))
        {
            local = Expression.Variable(node.Type, node.Method.Name == nameof(SequenceBatches.Steps) ? "steps" : "oneLength");
            _locals[key] = local;
            _assignments.Add(Expression.Assign(local, node));
        }
        return local;
    }
}
