using System.Linq.Expressions;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// A loop over a row's columns whose body is one or more scatters of a contiguous data row times a value the loop
/// does not change, <c>g[o + j] += X[b + j]·c</c> (a gradient's Xᵀ·c, one row at a time): one
/// <see cref="RowMaps.AddScaled(double[], int, double, double[], int, int)"/> call per scatter when the row is wide
/// enough for a vectorised call to pay (<see cref="RowCostRule.Vectorizes"/>). Each entry gets the same product and
/// sum as in the loop, so the bits are the same — except when the value is itself a product of scalars,
/// <c>(X[b + j]·c)·d</c>, which is multiplied once per row (c·d) and may then differ in the last bit.
/// </summary>
/// <remarks>
/// <para>Several scatters in one loop (a backward sweep's Wᵀδ into the adjoint row and δ·hᵀ into W's accumulator) are
/// one call each, in their order, when no scatter's row, value or position reads an array the loop writes: each call
/// then adds what the loop would have added to each entry. Two scatters into the same entries would add in another
/// order (round-off only); no value the loop reads changes.</para>
/// <para>A position is the index plus terms that do not read it, in any nesting (<c>64 + (32 + (s·32 + j))</c>), or
/// such a sum modulo a constant, <c>(a·W + j) mod M</c> with W a constant that divides M and a row no wider than W
/// (a two-row buffer's row a, <see cref="FoldStorage"/>): for a ≥ 0 the row starts at <c>(a mod M/W)·W</c> and does
/// not wrap.</para>
/// </remarks>
internal static class RowScatter
{
    /// <summary>The calls that replace the loop over <paramref name="index"/> &lt; <paramref name="count"/> running <paramref name="body"/>, or null.</summary>
    public static Expression? TryBuild(ParameterExpression index, Expression count, Expression body)
    {
        // A constant width only (a count read at run time stays a loop, which also checks it is not negative).
        if (LinqRuntime.Dimension(count) is not ConstantExpression { Value: int width } columns || width <= 0) return null;
        var statements = Statements(body);
        if (statements is null || statements.Count == 0) return null;
        var scatters = new List<(Expression Call, Expression Written, Expression Reads)>();
        foreach (var statement in statements)
        {
            if (Scatter(statement, index, width, columns) is not { } scatter) return null;
            scatters.Add(scatter);
        }
        // A scatter of a batch's input row is one call however short: the sweep's products over the batch take it up (BatchedSweepProducts).
        if (!scatters.All(s => BatchRows.IsInput(((MethodCallExpression)s.Call).Arguments[0])) && !RowCostRule.Vectorizes(columns, calls: 1, arithmetic: 2, transcendental: 0))
            return null;
        if (scatters.Count == 1) return scatters[0].Call;
        // Several: each call must add what the loop adds, so nothing a scatter reads may be an array the loop writes.
        var written = scatters.Select(s => s.Written).ToList();
        if (written.Any(w => w is not ParameterExpression) || scatters.Any(s => written.Any(w => Reads(s.Reads, (ParameterExpression)w)))) return null;
        return Expression.Block(scatters.Select(s => s.Call));
    }

    /// <summary>
    /// <c>g[o + j] += X[b + j]·c</c>: the AddScaled call, the array written (g) and what the call reads besides
    /// (the row, the value, both positions), or null.
    /// </summary>
    private static (Expression Call, Expression Written, Expression Reads)? Scatter(Expression statement, ParameterExpression index, int width, Expression columns)
    {
        if (statement is not BinaryExpression { NodeType: ExpressionType.AddAssign, Left: var left, Right: BinaryExpression { NodeType: ExpressionType.Multiply } product }
            || Row(left, index, width) is not { } target || Reads(target.Array, index)) return null;
        (Expression Array, Expression Offset)? row = null;
        Expression? scale = null;
        if (Row(product.Left, index, width) is { } a && !Reads(product.Right, index)) (row, scale) = (a, product.Right);
        else if (Row(product.Right, index, width) is { } b && !Reads(product.Left, index)) (row, scale) = (b, product.Left);
        else (row, scale) = RowTimesScalars(product, index, width);
        if (row is not var (array, offset) || scale is null || Reads(array, index)) return null;
        var call = Expression.Call(RowMaps.AddScaledMethod, array, offset, scale, target.Array, target.Offset, columns);
        return (call, target.Array, Expression.Block(array, offset, scale, target.Offset));
    }

    /// <summary>
    /// A product of several factors of which one is the row and the others read no index, <c>(X[b + j]·c)·d</c> (an
    /// adjoint scattered through a sum, then scaled by a local derivative, as a backward sweep's Wᵀ(λ ⊙ (1 − h²))):
    /// the row and the product of the others, c·d. Multiplied in that order, once per row instead of per element, so
    /// an entry may differ from the loop's in the last bit.
    /// </summary>
    private static ((Expression Array, Expression Offset)? Row, Expression? Scale) RowTimesScalars(BinaryExpression product, ParameterExpression index, int width)
    {
        var factors = new List<Expression>();
        var pending = new Stack<Expression>([product]);
        while (pending.TryPop(out var factor))
        {
            if (factor is BinaryExpression { NodeType: ExpressionType.Multiply } inner) { pending.Push(inner.Right); pending.Push(inner.Left); }
            else factors.Add(factor);
        }
        var reading = factors.Where(f => Reads(f, index)).ToList();
        if (reading is not [var only] || Row(only, index, width) is not { } row) return (null, null);
        var scalars = factors.Where(f => f != only).ToList();
        return (row, scalars.Skip(1).Aggregate(scalars[0], Expression.Multiply));
    }

    /// <summary>The statements of a loop body (blocks without variables flattened), or null when it declares variables.</summary>
    private static List<Expression>? Statements(Expression body)
    {
        var statements = new List<Expression>();
        var pending = new Stack<Expression>([body]);
        while (pending.TryPop(out var statement))
        {
            // The emitter ends a loop body with an empty statement (default(void)).
            if (statement is DefaultExpression { Type: var t } && t == typeof(void)) continue;
            if (statement is BlockExpression block)
            {
                if (block.Variables.Count > 0) return null;
                for (var k = block.Expressions.Count - 1; k >= 0; k--) pending.Push(block.Expressions[k]);
            }
            else statements.Add(statement);
        }
        return statements;
    }

    /// <summary>
    /// a[p] with p the index plus terms that do not read it, or such a sum modulo a constant two-row base
    /// (a double[] read or written along the row): the array and the row's start, else null.
    /// </summary>
    internal static (Expression Array, Expression Offset)? Row(Expression read, ParameterExpression index, int width)
    {
        var (array, at) = read switch
        {
            BinaryExpression { NodeType: ExpressionType.ArrayIndex } r => (r.Left, r.Right),
            IndexExpression { Object: { } o, Arguments: [var i], Indexer: null } => (o, i),
            _ => (null, null),
        };
        if (array is null || at is null || array.Type != typeof(double[])) return null;
        if (at is BinaryExpression { NodeType: ExpressionType.Modulo, Right: ConstantExpression { Value: int modulus } } wrapped && modulus > 0)
            return Start(wrapped.Left, index) is { } start && WrappedRow(start, modulus, width) is { } row ? (array, row) : null;
        return Start(at, index) is { } offset ? (array, offset) : null;
    }

    /// <summary>
    /// A position that is the index plus terms that do not read it (nested sums in any order): those terms (0 when
    /// there are none), else null.
    /// </summary>
    private static Expression? Start(Expression at, ParameterExpression index)
    {
        if (at == index) return Expression.Constant(0);
        if (at is not BinaryExpression { NodeType: ExpressionType.Add, Method: null } sum || sum.Type != typeof(int)) return null;
        var (left, right) = (Reads(sum.Left, index), Reads(sum.Right, index));
        if (left == right) return null;
        var (inner, other) = left ? (sum.Left, sum.Right) : (sum.Right, sum.Left);
        if (Start(inner, index) is not { } rest) return null;
        if (rest is ConstantExpression { Value: 0 }) return other;
        return left ? Expression.Add(rest, other) : Expression.Add(other, rest);
    }

    /// <summary>
    /// The start of row a of a buffer of M/W rows of W, for a position (a·W + j) mod M with j &lt; width ≤ W and W
    /// dividing M: (a mod M/W)·W, which is (a·W) mod M for a ≥ 0, so the row does not wrap. Else null.
    /// </summary>
    private static Expression? WrappedRow(Expression start, int modulus, int width)
    {
        // A start whose every term is a multiple of some q dividing M, the row no wider than q (a batched fold's row t·B·H +
        // (s / H)·H of sequence s / H): start mod M is a multiple of q, at most M − q, so for start ≥ 0 the row does not wrap.
        if (start is not BinaryExpression { NodeType: ExpressionType.Multiply, Method: null } product)
            return Divisor(start, modulus) >= width ? Expression.Modulo(start, Expression.Constant(modulus)) : null;
        var (row, stride) = product switch
        {
            { Right: ConstantExpression { Value: int w } } => (product.Left, w),
            { Left: ConstantExpression { Value: int w } } => (product.Right, w),
            _ => (null, 0),
        };
        if (row is null || stride <= 0 || width > stride || modulus % stride != 0) return null;
        return Expression.Multiply(Expression.Modulo(row, Expression.Constant(modulus / stride)), Expression.Constant(stride));
    }

    /// <summary>A divisor of M that divides every value of <paramref name="e"/> (sums and products of constants and of (x / q)·q), at least 1.</summary>
    private static long Divisor(Expression e, long modulus) => e switch
    {
        ConstantExpression { Value: int c } => Gcd(c, modulus),
        BinaryExpression { NodeType: ExpressionType.Add, Method: null } sum => Gcd(Divisor(sum.Left, modulus), Divisor(sum.Right, modulus)),
        BinaryExpression { NodeType: ExpressionType.Multiply, Method: null } product => Gcd(Divisor(product.Left, modulus) * Divisor(product.Right, modulus), modulus),
        _ => 1,
    };

    private static long Gcd(long a, long b)
    {
        (a, b) = (Math.Abs(a), Math.Abs(b));
        while (b != 0) (a, b) = (b, a % b);
        return Math.Max(a, 1);
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
