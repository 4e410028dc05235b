using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Comments attached to emitted statements (which primal an adjoint belongs to), read by
/// <c>ToCSharp</c>. Expression trees carry no comments, so they ride beside the statement objects,
/// weakly: compiled code never looks at them.
/// </summary>
internal static class CodeComments
{
    private static readonly ConditionalWeakTable<Expression, string> Comments = new();

    public static void Attach(Expression statement, string comment) => Comments.AddOrUpdate(statement, comment);

    public static string? Of(Expression statement) => Comments.TryGetValue(statement, out var comment) ? comment : null;

    /// <summary>Carries a comment over to a rewritten statement.</summary>
    public static void Carry(Expression from, Expression to)
    {
        if (!ReferenceEquals(from, to) && Of(from) is { } comment) Attach(to, comment);
    }
}
