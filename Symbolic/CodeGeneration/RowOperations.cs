using Symbolic.Graph;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// The IR's operations as <see cref="RowMaps"/> codes: the backend's side of the runtime's own op codes
/// (the runtime does not name the IR). An operation without a code stays a scalar loop.
/// </summary>
internal static class RowOperations
{
    /// <summary>The row code of a unary operation, or null when rows of it are not mapped.</summary>
    public static RowOperation? Of(UnaryOp op) => op switch
    {
        UnaryOp.Negate => RowOperation.Negate,
        UnaryOp.Abs => RowOperation.Abs,
        UnaryOp.Exp => RowOperation.Exp,
        UnaryOp.Log => RowOperation.Log,
        UnaryOp.Sqrt => RowOperation.Sqrt,
        UnaryOp.Tanh => RowOperation.Tanh,
        UnaryOp.Sin => RowOperation.Sin,
        UnaryOp.Cos => RowOperation.Cos,
        UnaryOp.Sinh => RowOperation.Sinh,
        UnaryOp.Cosh => RowOperation.Cosh,
        UnaryOp.Atan => RowOperation.Atan,
        _ => null,
    };

    /// <summary>The row code of a binary operation, or null when rows of it are not mapped.</summary>
    public static RowOperation? Of(BinaryOp op) => op switch
    {
        BinaryOp.Add => RowOperation.Add,
        BinaryOp.Subtract => RowOperation.Subtract,
        BinaryOp.Multiply => RowOperation.Multiply,
        BinaryOp.Divide => RowOperation.Divide,
        _ => null,
    };

    /// <summary>The row code of a comparison (every comparison is mapped).</summary>
    public static RowOperation Of(ComparisonOp op) => op switch
    {
        ComparisonOp.Equal => RowOperation.Equal,
        ComparisonOp.NotEqual => RowOperation.NotEqual,
        ComparisonOp.LessThan => RowOperation.LessThan,
        ComparisonOp.LessThanOrEqual => RowOperation.LessThanOrEqual,
        ComparisonOp.GreaterThan => RowOperation.GreaterThan,
        ComparisonOp.GreaterThanOrEqual => RowOperation.GreaterThanOrEqual,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Not a comparison."),
    };
}
