using System.Linq.Expressions;
using Symbolic.Diagnostics;

namespace Symbolic.CodeGeneration;

/// <summary>
/// The rows a batched fold's component loop reads (<c>frontend.batch-folds</c> stacks B states of H components; component
/// s is unit s mod H of sequence s / H), as the products over the batch (<see cref="BatchedStepProduct"/>,
/// <see cref="BatchedSweepProducts"/>) read them: a row of a matrix picked by the unit, <c>rest + c·(s mod H)</c>; a row of
/// a B-row block picked by the sequence, <c>rest + c·(s / H)</c>; or a sequence's input row <c>X[s / H][t]</c> of a jagged
/// data parameter, a different array per sequence, which the products read gathered into a B-row block
/// (<see cref="Runtime.SequenceBatches.CopyRows"/>).
/// </summary>
internal static class BatchRows
{
    /// <summary>Whether an offset picks its row by the unit s mod H or by the sequence s / H.</summary>
    internal enum Kind
    {
        Unit,
        Sequence,
    }

    /// <summary>An offset <c>rest + stride·(s mod H)</c> or <c>rest + stride·(s / H)</c>.</summary>
    /// <param name="Kind">Unit (mod) or sequence (divide).</param>
    /// <param name="Rest">The terms that do not read s.</param>
    /// <param name="Units">H, the constant s is divided by.</param>
    /// <param name="Stride">The distance between two rows.</param>
    internal readonly record struct Row(Kind Kind, Expression Rest, int Units, int Stride);

    /// <summary>A row <c>Data[s / H][Step]</c> of a jagged <c>double[][][]</c>.</summary>
    /// <param name="Data">The sequences (an expression that does not read s).</param>
    /// <param name="Step">The step index (does not read s).</param>
    /// <param name="Units">H.</param>
    internal readonly record struct InputRow(Expression Data, Expression Step, int Units);

    /// <summary>The row an offset picks, or null when it is no such offset.</summary>
    internal static Row? Of(Expression offset, ParameterExpression s)
    {
        Expression rest = Expression.Constant(0);
        var term = offset;
        // The terms that do not read s, in any nesting of sums; the one that does is s mod H, s / H, or one of them times a constant.
        while (term is BinaryExpression { NodeType: ExpressionType.Add, Method: null } sum)
        {
            var (left, right) = (ExpressionChildren.Mentions(sum.Left, s), ExpressionChildren.Mentions(sum.Right, s));
            if (left == right) return null;
            (term, var other) = left ? (sum.Left, sum.Right) : (sum.Right, sum.Left);
            rest = rest is ConstantExpression { Value: 0 } ? other : Expression.Add(rest, other);
        }
        var (factor, stride) = term switch
        {
            // s mod H or s / H itself: rows one apart.
            BinaryExpression { NodeType: ExpressionType.Modulo or ExpressionType.Divide } => (term, 1),
            BinaryExpression { NodeType: ExpressionType.Multiply, Method: null, Right: ConstantExpression { Value: int c } } product => (product.Left, c),
            BinaryExpression { NodeType: ExpressionType.Multiply, Method: null, Left: ConstantExpression { Value: int c } } product => (product.Right, c),
            _ => (null, 0),
        };
        if (stride <= 0 || factor is not BinaryExpression { Left: var index, Right: ConstantExpression { Value: int units } } by || index != s || units <= 0) return null;
        return by.NodeType switch
        {
            ExpressionType.Modulo => new Row(Kind.Unit, rest, units, stride),
            ExpressionType.Divide => new Row(Kind.Sequence, rest, units, stride),
            _ => null,
        };
    }

    /// <summary>The input row an array expression reads, <c>X[s / H][t]</c> with X and t not reading s; else null.</summary>
    internal static InputRow? Input(Expression array, ParameterExpression s) =>
        array is BinaryExpression { NodeType: ExpressionType.ArrayIndex, Left: BinaryExpression { NodeType: ExpressionType.ArrayIndex, Left: var data, Right: var sequence }, Right: var step }
        && data.Type == typeof(double[][][]) && sequence is BinaryExpression { NodeType: ExpressionType.Divide, Method: null, Left: var index, Right: ConstantExpression { Value: int units } }
        && index == s && units > 0 && !ExpressionChildren.Mentions(data, s) && !ExpressionChildren.Mentions(step, s)
            ? new InputRow(data, step, units)
            : null;

    /// <summary>
    /// Whether an array expression is a batch's input row <c>X[i / H][t]</c>, whatever i is: a dot product or a scatter with
    /// such a row is emitted as a row call however short (the products over the batch take it up; see <see cref="RowProgram"/>).
    /// </summary>
    internal static bool IsInput(Expression array) =>
        array is BinaryExpression { NodeType: ExpressionType.ArrayIndex, Left: BinaryExpression { NodeType: ExpressionType.ArrayIndex, Left: var data, Right: BinaryExpression { NodeType: ExpressionType.Divide, Left: ParameterExpression index, Right: ConstantExpression { Value: int units } } }, Right: var step }
        && data.Type == typeof(double[][][]) && units > 0 && !ExpressionChildren.Mentions(data, index) && !ExpressionChildren.Mentions(step, index);

    /// <summary>The gathered block of an input row: B rows of <paramref name="width"/> entries from <paramref name="offset"/> on, copied to <paramref name="at"/>.</summary>
    internal static Expression Gather(InputRow row, Expression batch, Expression offset, int width, Expression into, Expression at) =>
        Expression.Call(Runtime.SequenceBatches.CopyRowsMethod, row.Data, row.Step, batch, offset, Expression.Constant(width), into, at);
}
