using System.Linq.Expressions;
using System.Reflection;
using Symbolic.Diagnostics;
using Symbolic.Extensibility;

namespace Symbolic.Lowering;

/// <summary>A call to a method with an inline definition, replaced by the definition's body at the call's arguments.</summary>
internal static class InlineExpansion
{
    /// <summary>
    /// The body of <paramref name="rule"/>'s definition at the call's arguments, for lowering; a definition that
    /// calls itself is refused instead, naming the cycle and quoting the call.
    /// </summary>
    /// <param name="call">The call being lowered.</param>
    /// <param name="rule">The method's inline definition.</param>
    /// <param name="rules">The registry the compilation reads rules from (the definition's own calls resolve there).</param>
    /// <param name="acyclic">Methods already known to reach no cycle (the search costs each method once per lowering).</param>
    public static Expression Expand(MethodCallExpression call, InlinedCall rule, DerivativeRegistry rules, ISet<MethodInfo> acyclic) =>
        NameBinding.Bind(Body(call, rule, rules, acyclic), rules);

    /// <summary>The definition's body at the call's arguments, its names not yet bound (<see cref="NameBinding"/> binds them).</summary>
    public static Expression Body(MethodCallExpression call, InlinedCall rule, DerivativeRegistry rules, ISet<MethodInfo> acyclic)
    {
        if (InlineCycles.Find(rule.Method, rules.Find, acyclic) is { } cycle)
            throw Errors.NotDifferentiable(call, $"its inline definition calls itself ({InlineCycles.Describe(cycle)}); a definition is expanded where it is called, "
                + "so it cannot recurse (give the method a derivative rule instead)");
        // A copy of its own per expansion: a definition expanded inside its own expansion must not share lambdas with it.
        return Substitution.Apply((LambdaExpression)FreshLambdas.Of(rule.Definition), [.. call.Arguments]);
    }
}
