using System.Linq.Expressions;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// A loop over a row's columns whose body is one scatter of a contiguous data row times a value the loop does
/// not change, <c>g[o + j] += X[b + j]·c</c> (a gradient's Xᵀ·c, one row at a time): one
/// <see cref="RowMaps.AddScaled(double[], int, double, double[], int, int)"/> call when the row is wide enough
/// for a vectorised call to pay (<see cref="RowCostRule.Vectorizes"/>). Each entry gets the same product and
/// sum as in the loop, so the bits are the same — except when the value is itself a product of scalars,
/// <c>(X[b + j]·c)·d</c>, which is multiplied once per row (c·d) and may then differ in the last bit.
/// </summary>
internal static class RowScatter
{
    /// <summary>The call that replaces the loop over <paramref name="index"/> &lt; <paramref name="count"/> running <paramref name="body"/>, or null.</summary>
    public static Expression? TryBuild(ParameterExpression index, Expression count, Expression body)
    {
        // A constant width only (a count read at run time stays a loop, which also checks it is not negative).
        if (LinqRuntime.Dimension(count) is not ConstantExpression { Value: int width } columns || width <= 0
            || !RowCostRule.Vectorizes(columns, calls: 1, arithmetic: 2, transcendental: 0)) return null;
        if (Single(body) is not BinaryExpression { NodeType: ExpressionType.AddAssign, Left: var left, Right: BinaryExpression { NodeType: ExpressionType.Multiply } product }
            || Row(left, index) is not { } target || Reads(target.Array, index)) return null;
        (Expression Array, Expression Offset)? row = null;
        Expression? scale = null;
        if (Row(product.Left, index) is { } a && !Reads(product.Right, index)) (row, scale) = (a, product.Right);
        else if (Row(product.Right, index) is { } b && !Reads(product.Left, index)) (row, scale) = (b, product.Left);
        else (row, scale) = RowTimesScalars(product, index);
        if (row is not var (array, offset) || scale is null || Reads(array, index)) return null;
        return Expression.Call(RowMaps.AddScaledMethod, array, offset, scale, target.Array, target.Offset, columns);
    }

    /// <summary>
    /// A product of several factors of which one is the row and the others read no index, <c>(X[b + j]·c)·d</c> (an
    /// adjoint scattered through a sum, then scaled by a local derivative, as a backward sweep's Wᵀ(λ ⊙ (1 − h²))):
    /// the row and the product of the others, c·d. Multiplied in that order, once per row instead of per element, so
    /// an entry may differ from the loop's in the last bit.
    /// </summary>
    private static ((Expression Array, Expression Offset)? Row, Expression? Scale) RowTimesScalars(BinaryExpression product, ParameterExpression index)
    {
        var factors = new List<Expression>();
        var pending = new Stack<Expression>([product]);
        while (pending.TryPop(out var factor))
        {
            if (factor is BinaryExpression { NodeType: ExpressionType.Multiply } inner) { pending.Push(inner.Right); pending.Push(inner.Left); }
            else factors.Add(factor);
        }
        var reading = factors.Where(f => Reads(f, index)).ToList();
        if (reading is not [var only] || Row(only, index) is not { } row) return (null, null);
        var scalars = factors.Where(f => f != only).ToList();
        return (row, scalars.Skip(1).Aggregate(scalars[0], Expression.Multiply));
    }

    private static Expression Single(Expression body)
    {
        // The emitter ends a loop body with an empty statement (default(void)).
        while (body is BlockExpression { Variables.Count: 0 } block)
        {
            var statements = block.Expressions.Where(e => e is not DefaultExpression { Type: var t } || t != typeof(void)).ToList();
            if (statements.Count != 1) return body;
            body = statements[0];
        }
        return body;
    }

    /// <summary>a[b + j] (a double[] read or written at an offset plus the index): the array and b, else null.</summary>
    private static (Expression Array, Expression Offset)? Row(Expression read, ParameterExpression index)
    {
        var (array, at) = read switch
        {
            BinaryExpression { NodeType: ExpressionType.ArrayIndex } r => (r.Left, r.Right),
            IndexExpression { Object: { } o, Arguments: [var i], Indexer: null } => (o, i),
            _ => (null, null),
        };
        if (array is null || at is null || array.Type != typeof(double[])) return null;
        if (at == index) return (array, Expression.Constant(0));
        if (at is BinaryExpression { NodeType: ExpressionType.Add } sum)
        {
            if (sum.Right == index && !Reads(sum.Left, index)) return (array, sum.Left);
            if (sum.Left == index && !Reads(sum.Right, index)) return (array, sum.Right);
        }
        return null;
    }

    private static bool Reads(Expression expression, ParameterExpression index)
    {
        var finder = new IndexFinder(index);
        finder.Visit(expression);
        return finder.Found;
    }

    private sealed class IndexFinder(ParameterExpression index) : ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Found |= node == index;
            return node;
        }
    }
}
