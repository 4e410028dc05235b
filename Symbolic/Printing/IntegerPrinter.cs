using System.Linq.Expressions;
using Symbolic.Diagnostics;

namespace Symbolic.Printing;

/// <summary>Prints the integer expressions of loops and indexes: <c>i + 1</c>, <c>x.Length - 1</c>, <c>min(xs.Length, ys.Length)</c>.</summary>
internal static class IntegerPrinter
{
    public static string Print(Expression e) => e switch
    {
        ParameterExpression p => p.Name ?? "i",
        ConstantExpression c => c.Value?.ToString() ?? "null",
        MemberExpression m => m.Member.Name,
        UnaryExpression { NodeType: ExpressionType.ArrayLength } u => $"{Print(u.Operand)}.Length",
        UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u => Print(u.Operand),
        BinaryExpression { NodeType: ExpressionType.ArrayIndex } b => $"{Print(b.Left)}[{Print(b.Right)}]",
        BinaryExpression { NodeType: ExpressionType.Add or ExpressionType.AddChecked } b => $"{Print(b.Left)} + {Print(b.Right)}",
        BinaryExpression { NodeType: ExpressionType.Subtract or ExpressionType.SubtractChecked } b => $"{Print(b.Left)} - {Grouped(b.Right)}",
        BinaryExpression { NodeType: ExpressionType.Multiply or ExpressionType.MultiplyChecked } b => $"{Grouped(b.Left)}*{Grouped(b.Right)}",
        MethodCallExpression { Method.Name: "RangeCount" or "AverageCount" } call => Print(call.Arguments[0]),
        MethodCallExpression { Method.Name: nameof(Math.Min) } call => $"min({Print(call.Arguments[0])}, {Print(call.Arguments[1])})",
        _ => ExpressionQuoter.Quote(e),
    };

    private static string Grouped(Expression e) => e is BinaryExpression { NodeType: ExpressionType.Add or ExpressionType.Subtract } ? $"({Print(e)})" : Print(e);
}
