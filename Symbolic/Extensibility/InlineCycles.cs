using System.Linq.Expressions;
using System.Reflection;
using Symbolic.Diagnostics;

namespace Symbolic.Extensibility;

/// <summary>
/// Finds inline definitions that call themselves, directly or through other inline definitions: such a
/// method would be expanded in place forever (memory grows until the process dies), so it is refused with
/// the cycle named. Iterative depth-first search over the methods the definitions call.
/// </summary>
internal static class InlineCycles
{
    /// <summary>
    /// The cycle of inline definitions reachable from <paramref name="root"/>, as methods in call order with the
    /// first repeated at the end (A, B, A), or null when there is none. Methods in <paramref name="acyclic"/> are
    /// known to reach no cycle and are skipped; every method found to reach none is added to it.
    /// </summary>
    /// <param name="root">A method whose rule is an inline definition.</param>
    /// <param name="ruleOf">The rule of a method (the registry in effect, or one about to be).</param>
    /// <param name="acyclic">Methods already checked: the search costs each method once per set.</param>
    public static IReadOnlyList<MethodInfo>? Find(MethodInfo root, Func<MethodInfo, CallRule?> ruleOf, ISet<MethodInfo> acyclic)
    {
        if (acyclic.Contains(root)) return null;
        var path = new List<MethodInfo>();
        var onPath = new HashSet<MethodInfo>();
        var pending = new Stack<IEnumerator<MethodInfo>>();
        path.Add(root);
        onPath.Add(root);
        pending.Push(InlineCallees(root, ruleOf).GetEnumerator());
        while (pending.Count > 0)
        {
            if (!pending.Peek().MoveNext())
            {
                pending.Pop();
                acyclic.Add(path[^1]);
                onPath.Remove(path[^1]);
                path.RemoveAt(path.Count - 1);
                continue;
            }
            var callee = pending.Peek().Current;
            if (onPath.Contains(callee)) return [.. path.SkipWhile(m => m != callee), callee];
            if (acyclic.Contains(callee)) continue;
            path.Add(callee);
            onPath.Add(callee);
            pending.Push(InlineCallees(callee, ruleOf).GetEnumerator());
        }
        return null;
    }

    /// <summary>"A.F → A.G → A.F".</summary>
    public static string Describe(IReadOnlyList<MethodInfo> cycle) =>
        string.Join(" → ", cycle.Select(m => $"{m.DeclaringType?.Name}.{m.Name}"));

    /// <summary>The distinct methods with inline definitions that the definition of <paramref name="method"/> calls.</summary>
    private static IEnumerable<MethodInfo> InlineCallees(MethodInfo method, Func<MethodInfo, CallRule?> ruleOf)
    {
        if (ruleOf(method) is not InlinedCall { Definition: var definition }) return [];
        var callees = new List<MethodInfo>();
        var pending = new Stack<Expression>([definition.Body]);
        while (pending.TryPop(out var e))
        {
            if (e is MethodCallExpression { Object: null, Method: var called } && !callees.Contains(called) && IsInlined(called, ruleOf))
                callees.Add(called);
            foreach (var child in ExpressionChildren.Of(e)) pending.Push(child);
        }
        return callees;
    }

    private static bool IsInlined(MethodInfo method, Func<MethodInfo, CallRule?> ruleOf)
    {
        if (method.DeclaringType == typeof(Math) || method.DeclaringType == typeof(Enumerable)) return false;
        try
        {
            return ruleOf(method) is InlinedCall;
        }
        catch (NotSupportedException)
        {
            // A malformed attribute: reported where the call is lowered, not here.
            return false;
        }
    }
}
