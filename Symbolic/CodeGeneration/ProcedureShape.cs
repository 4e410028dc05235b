using System.Linq.Expressions;

namespace Symbolic.CodeGeneration;

/// <summary>
/// How emitted values are delivered: locals of the container, a prologue (allocate, check, clear),
/// sinks (one write per value, scheduled as soon as the value is ready) and the block's result.
/// </summary>
internal sealed record ProcedureShape(
    IReadOnlyList<ParameterExpression> Locals,
    IReadOnlyList<Expression> Prologue,
    IReadOnlyList<Expression> Sinks,
    Expression Result)
{
    /// <summary>Just a value: no container, no writes.</summary>
    public static ProcedureShape Value(Expression result) => new([], [], [], result);
}
