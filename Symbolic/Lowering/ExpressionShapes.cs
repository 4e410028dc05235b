using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.Lowering;

/// <summary>What the lowerer recognises in a LINQ node by its shape alone: Math calls it reads, integer conversions, operators.</summary>
internal static class ExpressionShapes
{
    public static bool IsKnownMathCall(MethodCallExpression call) =>
        MathMethods.UnaryByMethod.ContainsKey(call.Method) || MathMethods.BinaryByMethod.ContainsKey(call.Method);

    public static bool IsRoundingCall(Expression e) =>
        e is MethodCallExpression { Method: { Name: nameof(Math.Round), DeclaringType: var t } } && t == typeof(Math);

    // Only integers are piecewise constant: (double)(float)x is x rounded, and its derivative is not zero.
    public static bool IsConversionToDouble(Expression e) =>
        e is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u && (u.Type == typeof(double) || u.Type == typeof(float)) && IsInteger(u.Operand.Type);

    public static bool IsInteger(Type type) => Type.GetTypeCode(type) is TypeCode.SByte or TypeCode.Byte or TypeCode.Int16 or TypeCode.UInt16
        or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Char or TypeCode.Boolean;

    public static bool IsArithmetic(ExpressionType type) => type is ExpressionType.Add or ExpressionType.AddChecked
        or ExpressionType.Subtract or ExpressionType.SubtractChecked or ExpressionType.Multiply or ExpressionType.MultiplyChecked
        or ExpressionType.Divide or ExpressionType.Power;

    public static BinaryOp ArithmeticOf(ExpressionType type) => type switch
    {
        ExpressionType.Add or ExpressionType.AddChecked => BinaryOp.Add,
        ExpressionType.Subtract or ExpressionType.SubtractChecked => BinaryOp.Subtract,
        ExpressionType.Multiply or ExpressionType.MultiplyChecked => BinaryOp.Multiply,
        ExpressionType.Divide => BinaryOp.Divide,
        ExpressionType.Power => BinaryOp.Pow,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static ComparisonOp? ComparisonOf(ExpressionType type) => type switch
    {
        ExpressionType.Equal => ComparisonOp.Equal,
        ExpressionType.NotEqual => ComparisonOp.NotEqual,
        ExpressionType.LessThan => ComparisonOp.LessThan,
        ExpressionType.LessThanOrEqual => ComparisonOp.LessThanOrEqual,
        ExpressionType.GreaterThan => ComparisonOp.GreaterThan,
        ExpressionType.GreaterThanOrEqual => ComparisonOp.GreaterThanOrEqual,
        _ => null,
    };
}
