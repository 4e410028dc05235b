using System.Linq.Expressions;
using Symbolic.Diagnostics;

namespace Symbolic.Lowering;

/// <summary>
/// Refuses, before anything is built, the statement forms Symbolic cannot differentiate: they have effects or
/// control flow that a function of values cannot express (a call that writes an out or ref argument, an assignment
/// to a captured variable, a field or an array Symbolic did not create, loops, jumps, try/catch, switch, dynamic
/// operations, a block variable that is read but never assigned). Each is reported as a
/// <see cref="NotSupportedException"/> naming the construct and quoting it, rather than ending in an invalid
/// expression tree. Symbolic's own output (SSA blocks, the loops it emits for sums, its argument checks) passes.
/// </summary>
internal static class UnsupportedConstructs
{
    /// <summary>Throws <see cref="NotSupportedException"/> for the first unsupported construct in <paramref name="body"/>.</summary>
    public static void Reject(Expression body)
    {
        // First, so that the loops and buffers around a kernel call are not reported instead.
        if (KernelCall(body) is { } kernel)
            throw Errors.NotDifferentiable(kernel, $"it calls Symbolic's matrix kernels ({kernel.Method.DeclaringType!.Name}.{kernel.Method.Name}): a gradient whose matrix products were recognised can be compiled, inspected and written as C#, but not read back to be differentiated or printed as math again; differentiate or print the model itself");
        var (declared, assigned) = BlockVariables(body);
        var pending = new Stack<Expression>([body]);
        while (pending.TryPop(out var e))
        {
            if (e is not BlockExpression sum || !EmittedSum.TryRead(sum, out _, out _, out _))
                if (Reason(e, declared, assigned) is { } reason) throw Errors.NotDifferentiable(e, reason);
            foreach (var child in Children(e)) pending.Push(child);
        }
    }

    /// <summary>The first call into the runtime that recognised products run on, if any.</summary>
    private static MethodCallExpression? KernelCall(Expression body)
    {
        var pending = new Stack<Expression>([body]);
        while (pending.TryPop(out var e))
        {
            if (e is MethodCallExpression call && (call.Method.DeclaringType == typeof(Runtime.DenseRuntime) || call.Method.DeclaringType == typeof(Runtime.RowMaps))) return call;
            foreach (var child in ExpressionChildren.Of(e)) pending.Push(child);
        }
        return null;
    }

    /// <summary>The sub-expressions to check: of Symbolic's own loop for a sum, only what it counts and adds is user code.</summary>
    private static IEnumerable<Expression> Children(Expression e) =>
        e is BlockExpression block && EmittedSum.TryRead(block, out _, out var count, out var summand) ? [count, summand] : ExpressionChildren.Of(e);

    private static string? Reason(Expression e, HashSet<ParameterExpression> declared, HashSet<ParameterExpression> assigned) => e switch
    {
        MethodCallExpression call when call.Method.GetParameters().FirstOrDefault(p => p.ParameterType.IsByRef) is { } byRef =>
            $"its parameter '{byRef.Name}' is passed by reference ({(byRef.IsOut ? "out" : "ref")}); Symbolic differentiates functions of values, not calls that write variables",
        LoopExpression or GotoExpression or LabelExpression => "loops and jumps are not supported; write sums with LINQ (Enumerable.Range(0, n).Sum(i => ...))",
        TryExpression => "try/catch/finally is not supported; a differentiable function cannot catch its own exceptions",
        SwitchExpression => "switch is not supported; use conditional expressions (c ? a : b)",
        DynamicExpression => "dynamic operations are not supported; their types are only known at run time",
        BinaryExpression b when IsAssignment(b.NodeType) && !IsOwnTarget(b.Left, declared) => AssignmentReason(b.Left),
        UnaryExpression u when IsIncrement(u.NodeType) && !IsOwnTarget(u.Operand, declared) => AssignmentReason(u.Operand),
        ParameterExpression p when declared.Contains(p) && !assigned.Contains(p) =>
            $"the block variable '{p.Name}' is read but never assigned",
        _ => null,
    };

    private static string AssignmentReason(Expression target) => target switch
    {
        MemberExpression => "it assigns a captured variable, field or property; a differentiable function may only assign its own block variables",
        ParameterExpression p => $"it assigns the parameter '{p.Name}'; a differentiable function may only assign its own block variables",
        _ => "it writes into an array or object the function does not create; a differentiable function may only assign its own block variables",
    };

    /// <summary>A block variable of the function (or a scalar parameter), or an element of an array held in a block variable (Symbolic's own result vectors).</summary>
    private static bool IsOwnTarget(Expression target, HashSet<ParameterExpression> declared) => target switch
    {
        // A double or bool parameter assigned is read as a new value from there on (lowering rebinds it).
        ParameterExpression p => declared.Contains(p) || p.Type == typeof(double) || p.Type == typeof(bool),
        IndexExpression { Object: ParameterExpression array } => declared.Contains(array),
        BinaryExpression { NodeType: ExpressionType.ArrayIndex, Left: ParameterExpression array } => declared.Contains(array),
        _ => false,
    };

    private static bool IsAssignment(ExpressionType type) => type is ExpressionType.Assign
        or ExpressionType.AddAssign or ExpressionType.AddAssignChecked or ExpressionType.SubtractAssign or ExpressionType.SubtractAssignChecked
        or ExpressionType.MultiplyAssign or ExpressionType.MultiplyAssignChecked or ExpressionType.DivideAssign or ExpressionType.ModuloAssign
        or ExpressionType.PowerAssign or ExpressionType.AndAssign or ExpressionType.OrAssign or ExpressionType.ExclusiveOrAssign
        or ExpressionType.LeftShiftAssign or ExpressionType.RightShiftAssign;

    private static bool IsIncrement(ExpressionType type) => type is ExpressionType.PreIncrementAssign or ExpressionType.PostIncrementAssign
        or ExpressionType.PreDecrementAssign or ExpressionType.PostDecrementAssign;

    /// <summary>The variables blocks declare, and those of them something assigns.</summary>
    private static (HashSet<ParameterExpression> Declared, HashSet<ParameterExpression> Assigned) BlockVariables(Expression body)
    {
        var (declared, assigned) = (new HashSet<ParameterExpression>(), new HashSet<ParameterExpression>());
        var pending = new Stack<Expression>([body]);
        while (pending.TryPop(out var e))
        {
            if (e is BlockExpression block) declared.UnionWith(block.Variables);
            if (e is BinaryExpression { Left: ParameterExpression p } b && IsAssignment(b.NodeType)) assigned.Add(p);
            if (e is UnaryExpression { Operand: ParameterExpression q } u && IsIncrement(u.NodeType)) assigned.Add(q);
            // An out or ref argument is written by the call (refused there, with the method's name).
            if (e is MethodCallExpression call)
            {
                var parameters = call.Method.GetParameters();
                assigned.UnionWith(call.Arguments.Where((a, i) => a is ParameterExpression && parameters[i].ParameterType.IsByRef).Cast<ParameterExpression>());
            }
            foreach (var child in Children(e)) pending.Push(child);
        }
        return (declared, assigned);
    }
}
