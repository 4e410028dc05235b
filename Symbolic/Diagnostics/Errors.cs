using System.Linq.Expressions;

namespace Symbolic.Diagnostics;

/// <summary>Every exception Symbolic throws is built here: the construct, the reason, and the quoted sub-expression.</summary>
internal static class Errors
{
    public static NotSupportedException NotDifferentiable(Expression node, string reason) =>
        new($"Cannot differentiate {Describe(node)}: {reason}. Sub-expression: {ExpressionQuoter.Quote(node)}");

    public static ArgumentException NotADoubleParameter(LambdaExpression f, int index, string paramName) =>
        new($"Parameter {index} ('{f.Parameters[index].Name}') has type {f.Parameters[index].Type.Name}; derivatives are taken with respect to double parameters only.", paramName);

    public static ArgumentOutOfRangeException ParameterIndexOutOfRange(LambdaExpression f, int index, string paramName) =>
        new(paramName, index, $"The lambda has {f.Parameters.Count} parameter(s); parameterIndex must be in 0..{f.Parameters.Count - 1}.");

    public static ArgumentException WrongReturnType(LambdaExpression f, string paramName) =>
        new($"The lambda returns {f.ReturnType.Name}; Symbolic differentiates functions that return double. Lambda: {ExpressionQuoter.Quote(f)}", paramName);

    /// <summary>A method name for generated source must be a C# identifier.</summary>
    public static void RequireIdentifier(string name, string paramName)
    {
        if (string.IsNullOrEmpty(name) || !(char.IsLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"'{name}' is not a C# identifier.", paramName);
    }

    /// <summary>Names the node the way a user wrote it: the method, member or operator.</summary>
    public static string Describe(Expression node) => node switch
    {
        MethodCallExpression call => $"method {call.Method.DeclaringType?.Name}.{call.Method.Name}",
        MemberExpression member => $"member {member.Member.DeclaringType?.Name}.{member.Member.Name}",
        InvocationExpression => "a delegate invocation",
        _ => $"node {node.NodeType} of type {node.Type.Name}",
    };
}
