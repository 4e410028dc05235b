using System.Linq.Expressions;
using Symbolic.Diagnostics;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// What is left of a batched sweep's component loop once its rows are products over the batch
/// (<see cref="BatchedSweepProducts"/>): δ_s computed from contiguous reads and stored into the row of δ,
/// <c>t1 = states[r + s]; δ = adjoints[(r' + s) mod M]·(1 − t1·t1); adjoints[delta + s] = δ</c> — as row maps over the B·H
/// components instead (<see cref="RowMaps"/>: one call per operation, each local a row of the pool's scratch), so no
/// loop over the components is left.
/// </summary>
/// <remarks>
/// Applies to a body of assignments to double locals (each assigned once, before it is read) ending in the one store
/// into the row of δ, whose values are sums, differences, products, quotients and negations of constants, locals,
/// scalars the body does not set, and reads <c>a[r + s]</c> or <c>a[(r + s) mod M]</c> (a two-row buffer's row, as
/// <see cref="RowScatter"/> reads it) of arrays. Row by row is the loop's arithmetic, element by element, in the same
/// order; it is the loop's result because the only write is into the row of δ, which the sweep keeps past everything the
/// loop reads.
/// </remarks>
internal static class DeltaRow
{
    /// <summary>The row maps that compute the loop, or null when its body is not in the form above.</summary>
    /// <param name="s">The component index.</param>
    /// <param name="width">B·H (a constant, or the batch's width known when the model runs).</param>
    /// <param name="body">The component loop's body, its products lifted.</param>
    /// <param name="buffer">The sweep's buffer of adjoints.</param>
    /// <param name="delta">Where the row of δ starts in it.</param>
    /// <param name="pool">The buffer pool (its scratch row holds the locals' rows).</param>
    public static Expression? TryBuild(ParameterExpression s, Expression width, Expression body, ParameterExpression buffer, Expression delta, Expression pool)
    {
        var statements = new List<Expression>();
        var pending = new Stack<Expression>([body]);
        while (pending.TryPop(out var e))
        {
            if (e is BlockExpression block) for (var k = block.Expressions.Count - 1; k >= 0; k--) pending.Push(block.Expressions[k]);
            else if (e is not DefaultExpression) statements.Add(e);
        }
        if (statements is not [.., BinaryExpression { NodeType: ExpressionType.Assign, Left: IndexExpression { Object: var stored, Arguments: [var at] }, Right: var last }]
            || stored != buffer || at is not BinaryExpression { NodeType: ExpressionType.Add, Left: var start, Right: var index } || start != delta || index != s)
            return null;
        var set = BatchedStepProduct.SetIn(body);
        // A run-time width's rows are not taken mod M (FoldStorage): no row read is then wrapped.
        var rowWidth = width is ConstantExpression { Value: int w } ? w : int.MaxValue;
        var scratch = Expression.Variable(typeof(double[]), "rows");
        var rows = new Dictionary<ParameterExpression, (Expression Array, Expression Offset)>();
        var calls = new List<Expression>();
        var temporaries = 0;
        foreach (var statement in statements.Take(statements.Count - 1))
        {
            if (statement is not BinaryExpression { NodeType: ExpressionType.Assign, Left: ParameterExpression local, Right: var value } || local.Type != typeof(double)
                || rows.ContainsKey(local)) return null;
            // The value stored is computed straight into the row of δ.
            var into = local == last && statement == statements[^2] ? (buffer, delta) : Next();
            if (Row(value, into) is not { Array: { } array0 } row) return null;
            rows[local] = (array0, row.Offset);
        }
        if (Row(last, (buffer, delta)) is not (Expression array, var offset)) return null;
        if (array != buffer || offset != delta) calls.Add(Expression.Call(RowMaps.CopyMethod, array, offset, buffer, delta, width));
        return Expression.Block(typeof(void), [scratch], [Expression.Assign(scratch, Expression.Call(RowMaps.ScratchMethod, pool, Rows(Math.Max(temporaries, 1)))), .. calls]);

        (Expression, Expression) Next() => (scratch, Rows(temporaries++));

        // k rows of the width: a constant when the width is one.
        Expression Rows(int k) => width is ConstantExpression { Value: int c } ? Expression.Constant(k * c) : k == 0 ? Expression.Constant(0) : k == 1 ? width : Expression.Multiply(Expression.Constant(k), width);

        // The row of a value (written to the destination given when it is an operation), or a scalar as (null, value); null when not in the form.
        (Expression? Array, Expression Offset)? Row(Expression value, (Expression Array, Expression Offset) destination)
        {
            switch (value)
            {
                case ConstantExpression { Value: double }:
                    return (null, value);
                case ParameterExpression p when rows.TryGetValue(p, out var row):
                    return row;
                case ParameterExpression p when p.Type == typeof(double) && !set.Contains(p) && p != s:
                    return (null, value);
                case BinaryExpression { NodeType: ExpressionType.ArrayIndex } or IndexExpression when RowScatter.Row(value, s, rowWidth) is var (a, o) && !ExpressionChildren.Mentions(a, s)
                    && !ExpressionChildren.Mentions(a, set.Contains) && !ExpressionChildren.Mentions(o, set.Contains):
                    return (a, o);
                case UnaryExpression { NodeType: ExpressionType.Negate, Method: null } negation when Operand(negation.Operand) is var (x, xo) && x is not null:
                    calls.Add(Expression.Call(RowMaps.UnaryMethod, Expression.Constant((int)RowOperation.Negate), x, xo, destination.Array, destination.Offset, width));
                    return destination;
                case BinaryExpression { Method: null } binary when Operation(binary.NodeType) is { } op && binary.Type == typeof(double)
                    && Operand(binary.Left) is var (x, xo) && Operand(binary.Right) is var (y, yo) && (x ?? y) is not null:
                    var (n, code) = (width, Expression.Constant((int)op));
                    calls.Add(x is null ? Expression.Call(RowMaps.ScalarBinaryMethod, code, xo, y!, yo, destination.Array, destination.Offset, n)
                        : y is null ? Expression.Call(RowMaps.BinaryScalarMethod, code, x, xo, yo, destination.Array, destination.Offset, n)
                        : Expression.Call(RowMaps.BinaryMethod, code, x, xo, y, yo, destination.Array, destination.Offset, n));
                    return destination;
                default:
                    return null;
            }
        }

        // An operand: a leaf read in place, or an operation into a scratch row of its own.
        (Expression? Array, Expression Offset)? Operand(Expression value) =>
            value is ConstantExpression or ParameterExpression or BinaryExpression { NodeType: ExpressionType.ArrayIndex } or IndexExpression ? Row(value, default) : Row(value, Next());
    }

    private static RowOperation? Operation(ExpressionType type) => type switch
    {
        ExpressionType.Add => RowOperation.Add,
        ExpressionType.Subtract => RowOperation.Subtract,
        ExpressionType.Multiply => RowOperation.Multiply,
        ExpressionType.Divide => RowOperation.Divide,
        _ => null,
    };
}
