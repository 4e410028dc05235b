using System.Linq.Expressions;

namespace Symbolic.CodeGeneration;

/// <summary>
/// An index expression as a·i + b in a loop index i, with a and b free of i (<c>i * d + 1</c> is d·i + 1): the
/// offset and stride of a flat data row. Index expressions are a few nodes deep, so the walk recurses.
/// </summary>
internal static class AffineIndex
{
    /// <summary>(a, b) with <paramref name="expression"/> = a·<paramref name="index"/> + b, or null when it is not of that form or a or b reads something <paramref name="invariant"/> rejects.</summary>
    public static (Expression Scale, Expression Offset)? Of(Expression expression, ParameterExpression index, Func<Expression, bool> invariant)
    {
        if (expression == index) return (Expression.Constant(1), Expression.Constant(0));
        if (expression.Type != typeof(int) || expression is not BinaryExpression { Left: var l, Right: var r } binary) return null;
        var (left, right) = (Reads(l, index), Reads(r, index));
        if (left == right) return null;
        var (varying, constant) = left ? (l, r) : (r, l);
        if (!invariant(constant) || Of(varying, index, invariant) is not var (a, b)) return null;
        return binary.NodeType switch
        {
            ExpressionType.Add => (a, Add(b, constant)),
            ExpressionType.Subtract when left => (a, Subtract(b, constant)),
            ExpressionType.Subtract => (Subtract(Expression.Constant(0), a), Subtract(constant, b)),
            ExpressionType.Multiply => (Multiply(a, constant), Multiply(b, constant)),
            _ => null,
        };
    }

    /// <summary>a·<paramref name="index"/> + b, with the constant parts folded.</summary>
    public static Expression At(Expression scale, Expression offset, Expression index) => Add(Multiply(index, scale), offset);

    /// <summary>Whether <paramref name="expression"/> reads <paramref name="variable"/>.</summary>
    public static bool Reads(Expression expression, ParameterExpression variable)
    {
        var finder = new Finder(variable);
        finder.Visit(expression);
        return finder.Found;
    }

    /// <summary>a + b over ints, folded where an operand is a constant.</summary>
    internal static Expression Add(Expression a, Expression b) => (a, b) switch
    {
        (ConstantExpression { Value: int x }, ConstantExpression { Value: int y }) => Expression.Constant(x + y),
        (ConstantExpression { Value: 0 }, _) => b,
        (_, ConstantExpression { Value: 0 }) => a,
        _ => Expression.Add(a, b),
    };

    private static Expression Subtract(Expression a, Expression b) => (a, b) switch
    {
        (ConstantExpression { Value: int x }, ConstantExpression { Value: int y }) => Expression.Constant(x - y),
        (_, ConstantExpression { Value: 0 }) => a,
        _ => Expression.Subtract(a, b),
    };

    /// <summary>a·b over ints, folded where an operand is a constant.</summary>
    internal static Expression Multiply(Expression a, Expression b) => (a, b) switch
    {
        (ConstantExpression { Value: int x }, ConstantExpression { Value: int y }) => Expression.Constant(x * y),
        (ConstantExpression { Value: 1 }, _) => b,
        (_, ConstantExpression { Value: 1 }) => a,
        (ConstantExpression { Value: 0 }, _) or (_, ConstantExpression { Value: 0 }) => Expression.Constant(0),
        _ => Expression.Multiply(a, b),
    };

    private sealed class Finder(ParameterExpression variable) : ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Found |= node == variable;
            return node;
        }
    }
}
