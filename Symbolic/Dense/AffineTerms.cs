using System.Linq.Expressions;

namespace Symbolic.Dense;

/// <summary>The terms of an integer sum (a + b − c, −d), with their signs: what affine index analyses read.</summary>
internal static class AffineTerms
{
    /// <summary>The terms in order; iterative, so an index written as a long chain of additions cannot exhaust the stack.</summary>
    public static List<(Expression Term, int Sign)> Of(Expression sum)
    {
        var terms = new List<(Expression, int)>();
        var pending = new Stack<(Expression, int)>([(sum, 1)]);
        while (pending.TryPop(out var item))
        {
            var (term, sign) = item;
            switch (term)
            {
                case BinaryExpression { NodeType: ExpressionType.Add } add:
                    pending.Push((add.Right, sign)); pending.Push((add.Left, sign));
                    break;
                case BinaryExpression { NodeType: ExpressionType.Subtract } subtract:
                    pending.Push((subtract.Right, -sign)); pending.Push((subtract.Left, sign));
                    break;
                case UnaryExpression { NodeType: ExpressionType.Negate } negate:
                    pending.Push((negate.Operand, -sign));
                    break;
                default:
                    terms.Add((term, sign));
                    break;
            }
        }
        return terms;
    }
}
