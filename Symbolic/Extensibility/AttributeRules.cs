using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Symbolic.Extensibility;

/// <summary>Rules read from <see cref="DerivativeAttribute"/>s, built once per method.</summary>
internal static class AttributeRules
{
    private static readonly ConcurrentDictionary<MethodInfo, CallRule?> Cache = new();

    public static CallRule? For(MethodInfo method) => Cache.GetOrAdd(method, Build);

    private static CallRule? Build(MethodInfo method)
    {
        if (method.GetCustomAttribute<DerivativeAttribute>() is not { } attribute) return null;
        var parameters = method.GetParameters();
        var types = parameters.Select(p => p.ParameterType).ToArray();
        if (!method.IsStatic || method.ReturnType != typeof(double) || types.Any(t => t != typeof(double)))
            throw new NotSupportedException($"[Derivative] on {Describe(method)}: the method must be static, take doubles and return a double.");
        if (attribute.Partials.Count != parameters.Length)
            throw new NotSupportedException($"[Derivative] on {Describe(method)} names {attribute.Partials.Count} partial(s); the method has {parameters.Length} parameter(s).");
        var partials = attribute.Partials.Select(name =>
        {
            var partial = method.DeclaringType!.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, types);
            if (partial is null || partial.ReturnType != typeof(double))
                throw new NotSupportedException($"[Derivative] on {Describe(method)} names '{name}', but {method.DeclaringType!.Name} has no static method {name}({string.Join(", ", types.Select(_ => "double"))}) returning double.");
            var arguments = parameters.Select(p => Expression.Parameter(typeof(double), p.Name)).ToArray();
            return Expression.Lambda(Expression.Call(partial, arguments), arguments);
        }).ToList();
        return new DifferentiatedCall(method, partials, IsPure: false);
    }

    private static string Describe(MethodInfo method) => $"{method.DeclaringType?.Name}.{method.Name}";
}
