using System.Linq.Expressions;

namespace Symbolic.Lowering;

/// <summary>Interval arithmetic on index expressions (in long, so products of int bounds do not overflow): the bounds of <c>a op b</c> from the bounds of a and b.</summary>
internal static class IndexBounds
{
    /// <summary>
    /// The least and greatest value of <c>left op right</c> for +, −, ·, and for % and / by a positive constant of a
    /// non-negative dividend; null for anything else (C#'s % and / truncate toward zero, so only that case is simple).
    /// </summary>
    public static (long Low, long High)? Of(ExpressionType op, (long Low, long High) left, (long Low, long High) right)
    {
        var ((a, c), (d, f)) = (left, right);
        return op switch
        {
            ExpressionType.Add => (a + d, c + f),
            ExpressionType.Subtract => (a - f, c - d),
            ExpressionType.Multiply => (Math.Min(Math.Min(a * d, a * f), Math.Min(c * d, c * f)), Math.Max(Math.Max(a * d, a * f), Math.Max(c * d, c * f))),
            ExpressionType.Modulo when a >= 0 && d == f && d > 0 => (0, Math.Min(c, d - 1)),
            ExpressionType.Divide when a >= 0 && d == f && d > 0 => (a / d, c / d),
            _ => null,
        };
    }
}
