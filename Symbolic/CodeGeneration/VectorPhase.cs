using System.Linq.Expressions;
using Symbolic.Diagnostics;

namespace Symbolic.CodeGeneration;

/// <summary>
/// One phase of a blocked loop (<see cref="BlockedLoop"/>) run over several rows at once: when every statement of the
/// phase is element-wise arithmetic on doubles, each statement becomes one SIMD statement over <see cref="VectorLanes"/>
/// (four rows), and the block's rows go through it a vector at a time; the rows left over (fewer than a vector) run
/// the scalar statements. A row sum <c>acc += v</c> becomes a vector of partial sums added into <c>acc</c> once per
/// block, so its additions are grouped by lane (a fixed order: the same bits call after call and on any thread).
/// <code>
/// iRowVectors = y != null &amp;&amp; y.Length − iBlock ≥ iRows ? iRows &amp; −4 : 0;  accLanes = 0;
/// for (iRow = 0; iRow &lt; iRowVectors; iRow += 4) { i = iBlock + iRow; tLanes = Vector256.Create(block, iRow + 64) / …; accLanes += …; }
/// acc += Vector256.Sum(accLanes);
/// for (; iRow &lt; iRows; iRow++) { …the scalar phase… }
/// </code>
/// What qualifies (anything else keeps the phase scalar): assignments of the body's double locals; stores to and loads
/// from the block's buffer at <c>iRow + k</c>; +, −, ·, / and negation of doubles, |x| and √x (the same bits per
/// lane as the scalar operation); loads of a data array at the row index (every row read only when the array holds
/// the block's rows, else the scalar loop runs and throws where the row loop would); reads that are the same for every
/// row (<c>w[10]</c>, a captured double) broadcast, once per block before the vector loop; a pure assignment of another local that the phase does not read
/// again (a selection's test, recomputed where it is read); the row index.
/// </summary>
internal static class VectorPhase
{
    // Deeper operand trees keep the phase scalar (the walk is recursive; the scheduler's statements are shallow).
    private const int MaxDepth = 32;

    /// <summary>The phase's loop over the block's rows: vectorised when it qualifies, else the scalar loop.</summary>
    /// <param name="row">The phase's statements for one row, the first <c>index = start + r</c>.</param>
    /// <param name="r">The row within the block.</param>
    /// <param name="n">The block's rows.</param>
    /// <param name="index">The row index of the loop.</param>
    /// <param name="start">The block's first row.</param>
    /// <param name="buffer">The block's buffer.</param>
    /// <param name="locals">The row body's own variables.</param>
    public static Expression For(IReadOnlyList<Expression> row, ParameterExpression r, ParameterExpression n, ParameterExpression index, ParameterExpression start,
        ParameterExpression buffer, IReadOnlySet<ParameterExpression> locals) =>
        VectorLanes.Doubles is { } lanes && new Translation(lanes, r, index, buffer, locals, row).Vectorised() is { } vector
            ? Build(lanes, vector, row, r, n, start)
            : Loops.For(r, n, Expression.Block(row), inverted: true);

    private static Expression Build(VectorLanes lanes, Translation vector, IReadOnlyList<Expression> row, ParameterExpression r, ParameterExpression n, ParameterExpression start)
    {
        var vectors = Expression.Variable(typeof(int), r.Name + "Vectors");
        // Whole vectors of the block's rows; none when a data array read at the row index does not hold them all.
        Expression whole = Expression.And(n, Expression.Constant(-lanes.Count));
        foreach (var array in Enumerable.Reverse(vector.Data))
            whole = Expression.Condition(Expression.AndAlso(Expression.NotEqual(array, Expression.Constant(null, array.Type)),
                Expression.GreaterThanOrEqual(Expression.Subtract(Expression.ArrayLength(array), start), n)), whole, Expression.Constant(0));
        var (vectorDone, rowsDone) = (Expression.Label(r.Name + "VectorsDone"), Expression.Label(r.Name + "RowsDone"));
        return Expression.Block([r, vectors, .. vector.Locals, .. vector.Sums.Values, .. vector.Hoisted.Select(h => h.Local)],
        [
            Expression.Assign(vectors, whole),
            .. vector.Sums.Values.Select(sum => Expression.Assign(sum, lanes.Zero)),
            Expression.Assign(r, Expression.Constant(0)),
            // The broadcasts of values the same for every row, once per block before its vectors (and only when there are
            // any, where the first vector would have read them first: nothing before them in a vector statement throws).
            vector.Hoisted.Count == 0 ? Expression.Empty()
                : Expression.IfThen(Expression.LessThan(r, vectors), Expression.Block(vector.Hoisted.Select(h => Expression.Assign(h.Local, lanes.Broadcast(h.Value))))),
            Expression.Loop(Expression.IfThenElse(Expression.LessThan(r, vectors),
                Expression.Block([.. vector.Body, Expression.AddAssign(r, Expression.Constant(lanes.Count))]), Expression.Break(vectorDone)), vectorDone),
            .. vector.Sums.Select(sum => Expression.AddAssign(sum.Key, lanes.Sum(sum.Value))),
            Expression.Loop(Expression.IfThenElse(Expression.LessThan(r, n),
                Expression.Block([.. row, Expression.PreIncrementAssign(r)]), Expression.Break(rowsDone)), rowsDone),
        ]);
    }

    /// <summary>The phase's statements as vector statements, with the vector locals, the row sums' vectors and the data arrays read at the row index.</summary>
    private sealed class Translation(VectorLanes lanes, ParameterExpression r, ParameterExpression index, ParameterExpression buffer,
        IReadOnlySet<ParameterExpression> locals, IReadOnlyList<Expression> row)
    {
        private readonly Dictionary<ParameterExpression, ParameterExpression> _vectors = [];

        public List<Expression> Body { get; } = [];

        public IEnumerable<ParameterExpression> Locals => _vectors.Values;

        /// <summary>Per row sum (a variable outside the body that only its own <c>+=</c> mentions), its vector of partial sums.</summary>
        public Dictionary<ParameterExpression, ParameterExpression> Sums { get; } = [];

        public List<ParameterExpression> Data { get; } = [];

        /// <summary>
        /// The broadcasts of row-invariant values other than constants (<c>w[10]</c>), in the order the phase first reads
        /// them: each assigned once before the vector loop, which then reads its local. Measured: the logistic gradient's
        /// <c>Vector256.Create(w[10])</c> left in the loop (its bounds check, w's length reloaded) cost about 0.45 ns a row (pasted C#, best of N on the shared machine).
        /// </summary>
        public List<(ParameterExpression Local, Expression Value)> Hoisted { get; } = [];

        /// <summary>The lanes of a value the same for every row: a constant broadcast in place (the JIT folds it), anything else hoisted.</summary>
        private Expression Broadcast(Expression value)
        {
            if (value is ConstantExpression) return lanes.Broadcast(value);
            foreach (var (local, hoisted) in Hoisted)
                if (hoisted == value) return local;
            var lanesLocal = Expression.Variable(lanes.Type, "invariantLanes");
            Hoisted.Add((lanesLocal, value));
            return lanesLocal;
        }

        /// <summary>This translation when every statement qualifies, else null.</summary>
        public Translation? Vectorised()
        {
            foreach (var s in row)
                if (s is BinaryExpression { NodeType: ExpressionType.AddAssign, Left: ParameterExpression sum, Method: null } && sum.Type == typeof(double) && !locals.Contains(sum)
                    && row.Count(t => ExpressionChildren.Mentions(t, sum)) == 1 && !ExpressionChildren.Mentions(((BinaryExpression)s).Right, sum))
                    Sums[sum] = Expression.Variable(lanes.Type, sum.Name + "Lanes");
            for (var k = 0; k < row.Count; k++)
                if (!Add(row[k], row.Skip(k + 1))) return null;
            return Body.Any(s => s is not BinaryExpression { Left: var target } || target != index) ? this : null;
        }

        private bool Add(Expression statement, IEnumerable<Expression> later)
        {
            switch (statement)
            {
                case BinaryExpression { NodeType: ExpressionType.Assign, Left: var target } when target == index:
                    Body.Add(statement);
                    return true;
                case BinaryExpression { NodeType: ExpressionType.Assign, Left: ParameterExpression local, Right: var value } when locals.Contains(local) && local.Type == typeof(double):
                {
                    if (Lanes(value, 0) is not { } lanesValue) return false;
                    if (!_vectors.TryGetValue(local, out var vector)) _vectors[local] = vector = Expression.Variable(lanes.Type, local.Name + "Lanes");
                    Body.Add(Expression.Assign(vector, lanesValue));
                    return true;
                }
                case BinaryExpression { NodeType: ExpressionType.Assign, Left: ParameterExpression local, Right: var value } when locals.Contains(local):
                    // Not a double: dropped when nothing after it in the phase reads it (another phase computes it again).
                    return BlockSelections.IsPure(value) && !later.Any(s => ExpressionChildren.Mentions(s, local));
                case BinaryExpression { NodeType: ExpressionType.Assign, Left: IndexExpression { Object: var array, Arguments: [var at] }, Right: var value } when array == buffer && InBlock(at):
                {
                    if (Lanes(value, 0) is not { } lanesValue) return false;
                    Body.Add(lanes.Store(lanesValue, buffer, at));
                    return true;
                }
                case BinaryExpression { NodeType: ExpressionType.AddAssign, Left: ParameterExpression sum, Right: var value } when Sums.TryGetValue(sum, out var partial):
                {
                    if (Lanes(value, 0) is not { } lanesValue) return false;
                    Body.Add(Expression.Assign(partial, Expression.Add(partial, lanesValue)));
                    return true;
                }
                default:
                    return false;
            }
        }

        /// <summary>The lanes of a double value over the vector's rows, or null when it does not qualify.</summary>
        private Expression? Lanes(Expression e, int depth)
        {
            if (depth > MaxDepth || e.Type != typeof(double)) return null;
            switch (e)
            {
                case ConstantExpression:
                    return lanes.Broadcast(e);
                case ParameterExpression p:
                    return _vectors.TryGetValue(p, out var vector) ? vector : Invariant(p) ? Broadcast(p) : null;
                case BinaryExpression { NodeType: ExpressionType.Add or ExpressionType.Subtract or ExpressionType.Multiply or ExpressionType.Divide, Method: null } b:
                    return Lanes(b.Left, depth + 1) is { } left && Lanes(b.Right, depth + 1) is { } right ? Expression.MakeBinary(b.NodeType, left, right) : null;
                case UnaryExpression { NodeType: ExpressionType.Negate, Method: null } u:
                    return Lanes(u.Operand, depth + 1) is { } operand ? Expression.Negate(operand) : null;
                case MethodCallExpression { Object: null, Arguments: [var x] } call when lanes.Function(call.Method) is { } function:
                    return Lanes(x, depth + 1) is { } argument ? Expression.Call(function, argument) : null;
                case IndexExpression { Object: { } array, Arguments: [var at] }:
                    return Element(e, array, at);
                case BinaryExpression { NodeType: ExpressionType.ArrayIndex } b:
                    return Element(e, b.Left, b.Right);
                default:
                    return Invariant(e) ? Broadcast(e) : null;
            }
        }

        /// <summary>An element read: the buffer's rows, a data array's rows at the row index, or the same element for every row.</summary>
        private Expression? Element(Expression element, Expression array, Expression at)
        {
            if (array == buffer) return InBlock(at) ? lanes.Load(buffer, at) : null;
            if (at == index && array is ParameterExpression data && Invariant(data))
            {
                if (!Data.Contains(data)) Data.Add(data);
                return lanes.Load(data, index);
            }
            return Invariant(element) ? Broadcast(element) : null;
        }

        /// <summary>Whether <paramref name="at"/> is <c>r + k</c>: the block's row r of one of the buffer's rows.</summary>
        private bool InBlock(Expression at) => at is BinaryExpression { NodeType: ExpressionType.Add, Left: var x, Right: ConstantExpression } && x == r;

        /// <summary>Whether an expression is the same for every row: constants, variables from outside the body that no statement assigns, their elements and lengths, integer arithmetic.</summary>
        private bool Invariant(Expression e)
        {
            var pending = new Stack<Expression>([e]);
            while (pending.TryPop(out var x))
            {
                switch (x)
                {
                    case ConstantExpression:
                        continue;
                    case ParameterExpression p when p != r && p != index && p != buffer && !locals.Contains(p) && !Sums.ContainsKey(p) && !row.Any(s => Assigns(s, p)):
                        continue;
                    case IndexExpression or UnaryExpression { NodeType: ExpressionType.ArrayLength or ExpressionType.Convert }:
                    case BinaryExpression { NodeType: ExpressionType.ArrayIndex }:
                    case BinaryExpression { NodeType: ExpressionType.Add or ExpressionType.Subtract or ExpressionType.Multiply, Method: null } b when b.Type == typeof(int):
                        foreach (var child in ExpressionChildren.Of(x)) pending.Push(child);
                        continue;
                    default:
                        return false;
                }
            }
            return true;
        }

        private static bool Assigns(Expression statement, ParameterExpression p) =>
            statement is BinaryExpression { NodeType: ExpressionType.Assign or ExpressionType.AddAssign or ExpressionType.SubtractAssign or ExpressionType.MultiplyAssign or ExpressionType.DivideAssign } b
            && b.Left == p;
    }
}
