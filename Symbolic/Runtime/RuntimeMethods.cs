using System.Reflection;

namespace Symbolic.Runtime;

/// <summary>
/// Finds the runtime entry point generated code calls for one element type: the runtime classes overload each
/// name for double and float, so a lookup by name alone would be ambiguous.
/// </summary>
internal static class RuntimeMethods
{
    /// <summary>
    /// The public static method <paramref name="name"/> of <paramref name="type"/> whose array parameters (or, with
    /// none, scalar return or parameters) are of <paramref name="element"/>, the one overload for that element type.
    /// </summary>
    public static MethodInfo Find(Type type, string name, Type element)
    {
        var array = element.MakeArrayType();
        return type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance)
            .Single(method => method.Name == name && Matches(method, element, array));
    }

    private static bool Matches(MethodInfo method, Type element, Type array)
    {
        var parameters = method.GetParameters().Select(parameter => parameter.ParameterType).Append(method.ReturnType).ToList();
        if (parameters.Any(type => type == typeof(double[]) || type == typeof(float[])))
            return parameters.Contains(array) && !parameters.Any(type => type.IsArray && type != array);
        return parameters.Contains(element);
    }
}
