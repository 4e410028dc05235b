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

    /// <summary>
    /// A dense matrix result (a Hessian, a Jacobian) that the elements the model reads make larger than any array: x[10⁸]
    /// makes the Hessian at least (10⁸ + 1)², refused when asked for rather than failing to allocate when called.
    /// </summary>
    public static ArgumentException DenseResultTooLarge(LambdaExpression f, string result, long rows, long columns, string paramName) =>
        new($"The {result} of this model is a dense matrix of at least {rows} × {columns} (by the indices the model reads): {(double)rows * columns:E2} entries, "
            + $"more than the largest array ({Array.MaxLength}). Ask for the non-zero entries' positions (sparsity) or for products with vectors instead. Lambda: {ExpressionQuoter.Quote(f)}", paramName);

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
