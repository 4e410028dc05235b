using System.Linq.Expressions;
using System.Reflection;
using Symbolic.Diagnostics;
using Symbolic.Extensibility;

namespace Symbolic.Pipeline;

/// <summary>
/// The user methods a compiled model depends on: every static method it calls, and, through the rules in
/// effect, every method their inline definitions and partial derivatives call, transitively. A (re)definition
/// of any of them may change what the model compiles to; of any other method, it cannot.
/// </summary>
internal static class ModelDependencies
{
    /// <summary>The methods <paramref name="f"/> depends on under the rules of <paramref name="registry"/> (iterative walk).</summary>
    public static IReadOnlyCollection<MethodInfo> Of(LambdaExpression f, DerivativeRegistry registry)
    {
        var methods = new HashSet<MethodInfo>();
        var pending = new Stack<Expression>([f.Body]);
        while (pending.TryPop(out var e))
        {
            if (e is MethodCallExpression { Object: null, Method: var method } && IsUsers(method) && methods.Add(method))
                foreach (var body in RuleBodies(method, registry)) pending.Push(body);
            foreach (var child in ExpressionChildren.Of(e)) pending.Push(child);
        }
        return methods;
    }

    // Math and LINQ have fixed meanings: no rule can change them.
    private static bool IsUsers(MethodInfo method) => method.DeclaringType != typeof(Math) && method.DeclaringType != typeof(Enumerable);

    private static IEnumerable<Expression> RuleBodies(MethodInfo method, DerivativeRegistry registry)
    {
        CallRule? rule;
        try
        {
            rule = registry.Find(method);
        }
        catch (NotSupportedException)
        {
            return []; // a malformed attribute: the compilation reports it
        }
        return rule switch
        {
            InlinedCall inlined => [inlined.Definition.Body],
            DifferentiatedCall { Partials: { } partials } => partials.Select(p => p.Body),
            _ => [],
        };
    }
}
