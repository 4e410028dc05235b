using System.Linq.Expressions;

namespace Symbolic.CodeGeneration;

/// <summary>
/// The value a carried write stores, carry + contribution, written for the JIT: the carry added first
/// (<c>(carry + a) − b</c> for <c>carry + (a − b)</c>), and a term ±2·p of a local added as <c>carry ± (p + p)</c>.
/// </summary>
/// <remarks>
/// A carried loop such as Rosenbrock's runs as many multiplications as the machine's multiply ports allow: the JIT
/// turns 2·u into u + u when it is added on its own (the hand-written loop's <c>- 2 * u</c>), not −2·u inside a
/// difference. Measured (docs/batch-vectorisation.md, Rosenbrock): 8 multiplications an iteration become 7, as in the
/// hand-written loop. Doubling is exact; adding the carry first reassociates one addition (the entry's terms summed in
/// another order, as a hand-written loop might).
/// </remarks>
internal static class CarriedSum
{
    /// <summary><paramref name="carried"/> + <paramref name="contribution"/>, the carry added first.</summary>
    public static Expression Of(Expression carried, Expression contribution) => contribution switch
    {
        BinaryExpression { NodeType: ExpressionType.Subtract } difference => Expression.Subtract(Plus(carried, difference.Left), difference.Right),
        BinaryExpression { NodeType: ExpressionType.Add } sum => Expression.Add(Plus(carried, sum.Left), sum.Right),
        _ => Plus(carried, contribution),
    };

    private static Expression Plus(Expression x, Expression term) => term switch
    {
        BinaryExpression { NodeType: ExpressionType.Multiply, Left: ConstantExpression c, Right: ParameterExpression p } when Doubling(c) is { } sign => Doubled(x, p, sign),
        BinaryExpression { NodeType: ExpressionType.Multiply, Left: ParameterExpression p, Right: ConstantExpression c } when Doubling(c) is { } sign => Doubled(x, p, sign),
        _ => Expression.Add(x, term),
    };

    private static Expression Doubled(Expression x, ParameterExpression p, int sign) =>
        sign > 0 ? Expression.Add(x, Expression.Add(p, p)) : Expression.Subtract(x, Expression.Add(p, p));

    // +1 for a constant 2, −1 for −2, else null.
    private static int? Doubling(ConstantExpression c) => c.Value switch
    {
        2.0 or 2f => 1,
        -2.0 or -2f => -1,
        _ => null,
    };
}
