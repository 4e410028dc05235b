using System.Linq.Expressions;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// The containers results are returned in: new vectors and matrices (only non-zero entries are
/// written; the rest are the runtime's zeros), tuples, and caller-supplied buffers.
/// </summary>
internal static class ResultShapes
{
    /// <summary><c>new double[length]</c> with the given entries set.</summary>
    /// <remarks>
    /// With <c>accumulate</c> entries are added (<c>+=</c>) rather than assigned: scattered adjoints
    /// add into the same vector, in an order the scheduler chooses.
    /// </remarks>
    public static ProcedureShape NewVector(Expression length, IEnumerable<(int Index, Expression Value)> entries, ParameterExpression? vector = null, bool accumulate = false)
    {
        vector ??= Expression.Variable(typeof(double[]), "result");
        var target = vector;
        return new([vector], [Expression.Assign(vector, Expression.NewArrayBounds(vector.Type.GetElementType()!, length))],
            [.. entries.Select(e => Write(target, e.Index, e.Value, accumulate))],
            vector);
    }

    /// <summary>
    /// <c>target[index] = value</c> (or <c>+=</c>). With <c>accumulate</c> the model has loops: an element
    /// it reads only inside a loop that runs zero times is never read, so its entry may lie beyond the
    /// vector; the write is then skipped, as the model skipped the read.
    /// </summary>
    /// <remarks>With <c>store</c> the guarded write assigns: nothing else writes that entry, and it is not cleared first.</remarks>
    private static Expression Write(ParameterExpression target, int index, Expression value, bool accumulate, bool store = false)
    {
        var slot = Expression.ArrayAccess(target, Expression.Constant(index));
        if (!accumulate) return Expression.Assign(slot, value);
        return Expression.IfThen(Expression.LessThan(Expression.Constant(index), Expression.ArrayLength(target)), store ? Expression.Assign(slot, value) : Expression.AddAssign(slot, value));
    }

    /// <summary><c>new double[rows, columns]</c> (or float, the <paramref name="element"/> type) with the given entries set.</summary>
    public static ProcedureShape NewMatrix(Expression rows, Expression columns, IEnumerable<(int Row, int Column, Expression Value)> entries, Type element)
    {
        var matrix = Expression.Variable(element.MakeArrayType(2), "result");
        return new([matrix], [Expression.Assign(matrix, Expression.NewArrayBounds(element, rows, columns))],
            [.. entries.Select(e => Expression.Assign(Expression.ArrayAccess(matrix, Expression.Constant(e.Row), Expression.Constant(e.Column)), e.Value))],
            matrix);
    }

    /// <summary>A <see cref="ValueTuple"/> of doubles or floats (2 to 4 items).</summary>
    public static ProcedureShape Tuple(IReadOnlyList<Expression> items) => ProcedureShape.Value(TupleOf(items));

    /// <summary>The tuple type and constructor call for 2 to 4 items of the graph's element type (double or float).</summary>
    public static Expression TupleOf(IReadOnlyList<Expression> items)
    {
        if (items.Count is < 2 or > 4) throw new ArgumentOutOfRangeException(nameof(items), "Tuples of 2 to 4 doubles or floats.");
        var types = items.Select(i => i.Type).ToArray();
        var type = types.Length switch
        {
            2 => typeof(ValueTuple<,>),
            3 => typeof(ValueTuple<,,>),
            _ => typeof(ValueTuple<,,,>),
        };
        return Expression.New(type.MakeGenericType(types).GetConstructor(types)!, items);
    }

    /// <summary>
    /// Writes a gradient into the caller's buffer (its length is checked by the guards before, see
    /// <see cref="ArgumentGuards"/>): the given entries, and zeros everywhere else. Allocates nothing.
    /// </summary>
    /// <remarks>
    /// With <c>clearAll</c> the whole buffer is cleared first and every entry is added (<c>+=</c>):
    /// scattered adjoints add into the same buffer, in an order the scheduler chooses — except the
    /// <c>uncleared</c> blocks (start, length) that a matrix product overwrites whole (the gradient of a weight matrix),
    /// and the entries a carried scatter loop writes once (<c>covered</c>, see <see cref="CoveredClearing"/>).
    /// </remarks>
    public static ProcedureShape WriteInto(ParameterExpression buffer, IReadOnlyList<(int Index, Expression Value)> entries, Expression result, bool clearAll = false,
        IReadOnlyList<(int Start, int Length)>? uncleared = null, Dense.CoveringScatter? covered = null)
    {
        // A covering's entries and the constant ones (all below it) are each written once: stored, not cleared first.
        var store = clearAll && covered is not null && entries.Select(e => e.Index).Distinct().Count() == entries.Count;
        IEnumerable<Expression> zeroing = !clearAll ? ClearedOutside(buffer, [.. entries.Select(e => e.Index)])
            : covered is not null ? CoveredClearing.Around(buffer, covered, store ? [.. entries.Select(e => e.Index)] : [])
            : uncleared is { Count: > 0 } ? ClearedAround(buffer, uncleared)
            : ClearedOutside(buffer, []);
        return new([],
            [.. zeroing],
            [.. entries.Select(e => Write(buffer, e.Index, e.Value, clearAll, store))],
            result);
    }

    /// <summary>
    /// Zeroes every element of the buffer but the written ones: the tail past the last by one call, each gap
    /// between them element by element when short, by one call otherwise — the code's size follows the number
    /// of entries, never their indices (a model reading x[100000000] compiles as fast as one reading x[1]).
    /// </summary>
    private static List<Expression> ClearedOutside(ParameterExpression buffer, IReadOnlyCollection<int> written)
    {
        const int shortGap = 4;
        var clear = typeof(Array).GetMethod(nameof(Array.Clear), [typeof(Array), typeof(int), typeof(int)])!;
        var length = Expression.ArrayLength(buffer);
        var sorted = written.Distinct().Order().ToList();
        // long: past the last entry is int.MaxValue + 1 when x[int.MaxValue] is read, beyond any array.
        var extent = sorted.Count == 0 ? 0 : sorted[^1] + 1L;
        var statements = new List<Expression>();
        if (extent <= int.MaxValue)
            statements.Add(Expression.IfThen(Expression.GreaterThan(length, Expression.Constant((int)extent)),
                Expression.Call(clear, buffer, Expression.Constant((int)extent), Expression.Subtract(length, Expression.Constant((int)extent)))));
        var next = 0;
        foreach (var index in sorted)
        {
            if (index - next <= shortGap)
                for (var i = next; i < index; i++) statements.Add(Expression.Assign(Expression.ArrayAccess(buffer, Expression.Constant(i)), ZeroOf(buffer)));
            // A buffer too short for the gap is too short for the entry after it, whose write reports it.
            else statements.Add(Expression.IfThen(Expression.GreaterThanOrEqual(length, Expression.Constant(index)),
                Expression.Call(clear, buffer, Expression.Constant(next), Expression.Constant(index - next))));
            next = index + 1;
        }
        return statements;
    }

    // +0 of the buffer's element type (a float model's gradient is a float[]).
    private static ConstantExpression ZeroOf(ParameterExpression buffer) =>
        buffer.Type == typeof(float[]) ? Expression.Constant(0f) : Expression.Constant(0.0);

    /// <summary>
    /// Zeroes the buffer except the given blocks, each range clamped to the buffer (its length is checked just
    /// before; a block past the end is reported by the product's own bounds check).
    /// </summary>
    private static IEnumerable<Expression> ClearedAround(ParameterExpression buffer, IReadOnlyList<(int Start, int Length)> blocks)
    {
        var clear = typeof(DenseRuntime).GetMethod(nameof(DenseRuntime.ClearRange), [buffer.Type, typeof(int), typeof(int)])!; // the overload of the buffer's element type
        var next = 0;
        foreach (var (start, count) in blocks.OrderBy(b => b.Start))
        {
            if (start > next) yield return Expression.Call(clear, buffer, Expression.Constant(next), Expression.Constant(start));
            next = start + count;
        }
        yield return Expression.Call(clear, buffer, Expression.Constant(next), Expression.ArrayLength(buffer));
    }
}
