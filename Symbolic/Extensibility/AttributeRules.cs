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
        if (method.GetCustomAttribute<InlineDefinitionAttribute>() is { } inline) return Inlined(method, inline);
        if (method.GetCustomAttribute<DerivativeAttribute>() is not { } attribute) return null;
        var parameters = method.GetParameters();
        var types = parameters.Select(p => p.ParameterType).ToArray();
        // A double method's partials are double, a float method's float: a rule never changes a model's precision.
        var element = method.ReturnType;
        if (!method.IsStatic || element != typeof(double) && element != typeof(float) || types.Any(t => t != element))
            throw new NotSupportedException($"[Derivative] on {Describe(method)}: the method must be static, take doubles and return a double (or take floats and return a float).");
        if (attribute.Partials.Count != parameters.Length)
            throw new NotSupportedException($"[Derivative] on {Describe(method)} names {attribute.Partials.Count} partial(s); the method has {parameters.Length} parameter(s).");
        var partials = attribute.Partials.Select(name =>
        {
            var partial = method.DeclaringType!.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, types);
            var typeName = element == typeof(float) ? "float" : "double";
            if (partial is null || partial.ReturnType != element)
                throw new NotSupportedException($"[Derivative] on {Describe(method)} names '{name}', but {method.DeclaringType!.Name} has no static method {name}({string.Join(", ", types.Select(_ => typeName))}) returning {typeName}.");
            var arguments = parameters.Select(p => Expression.Parameter(element, p.Name)).ToArray();
            return Expression.Lambda(Expression.Call(partial, arguments), arguments);
        }).ToList();
        return new DifferentiatedCall(method, partials, IsPure: false);
    }

    private static InlinedCall Inlined(MethodInfo method, InlineDefinitionAttribute attribute)
    {
        const BindingFlags statics = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;
        var type = method.DeclaringType!;
        var value = type.GetProperty(attribute.Member, statics)?.GetValue(null) ?? type.GetField(attribute.Member, statics)?.GetValue(null);
        if (value is not LambdaExpression definition)
            throw new NotSupportedException($"[InlineDefinition] on {Describe(method)} names '{attribute.Member}', which is not a static property or field of {type.Name} holding an Expression<Func<...>>.");
        var types = method.GetParameters().Select(p => p.ParameterType).ToList();
        if (definition.ReturnType != method.ReturnType || !definition.Parameters.Select(p => p.Type).SequenceEqual(types))
            throw new NotSupportedException($"[InlineDefinition] on {Describe(method)}: '{attribute.Member}' must take the method's parameters ({string.Join(", ", types.Select(t => t.Name))}) and return {method.ReturnType.Name}.");
        return new InlinedCall(method, definition);
    }

    private static string Describe(MethodInfo method) => $"{method.DeclaringType?.Name}.{method.Name}";
}
