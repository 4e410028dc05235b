using System.Linq.Expressions;
using System.Reflection;
using Symbolic.Graph;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// A value that varies along one loop index, computed for the whole row at once: when every operand that
/// reads the index is contiguous along it (a matrix's row, a parameter slice, a data row) and the rest are
/// already computed scalars, and every operation is one <see cref="RowMaps"/> has, the row is one vectorised
/// call per operation. What an elementwise grid (an activation, a bias add, their backward passes) and a sum
/// of such a row (a softmax's normaliser, a dot product with a data row) become. Anything else — a
/// conditional, a value the emitter has not computed yet, a strided read — keeps the scalar loop, and so does
/// a row too short to pay for its calls (<see cref="RowCostRule"/>).
/// </summary>
internal sealed class RowProgram
{
    /// <summary>A row operand: the array and the offset of the row's first element; or a scalar.</summary>
    private sealed record Operand(Expression? Array, Expression? Offset, Expression? Scalar);

    private readonly List<Expression> _statements = [];
    // Scalars that are expressions rather than locals, evaluated once before any row: one may itself be a
    // vectorised sum, which must not run between two row operations that share the scratch rows.
    private readonly List<Expression> _prelude = [];
    private readonly List<ParameterExpression> _locals = [];
    private readonly Dictionary<Node, Operand> _operands = [];
    private readonly ParameterExpression _scratch;
    private readonly Expression _width;
    private readonly (Expression Array, Expression Offset)? _destination;
    private readonly Node _body;
    // The double or float row maps, after the scratch rows' element type (the model's).
    private readonly RuntimeEntryPoints _runtime;
    private int _temporaries;
    // The operations per element, for the cost rule.
    private int _arithmetic, _transcendental;

    private RowProgram(Node body, ParameterExpression scratch, Expression width, (Expression, Expression)? destination) =>
        (_body, _scratch, _width, _destination, _runtime) = (body, scratch, width, destination, RuntimeEntryPoints.ForArray(scratch.Type));

    /// <summary>
    /// The statements that write body(column = 0 … width − 1) into <paramref name="destination"/> (or into the
    /// first row of <paramref name="scratch"/> when null), or null when the body is not such a row or the row is
    /// faster as a scalar loop (<see cref="RowCostRule"/>).
    /// </summary>
    /// <param name="body">The value, reading <paramref name="column"/>.</param>
    /// <param name="column">The index the row runs along.</param>
    /// <param name="width">The row's length.</param>
    /// <param name="scratch">A variable the caller binds to <see cref="ScratchFor"/>: room for intermediate rows.</param>
    /// <param name="destination">Where the row goes: an array and the offset of its first element.</param>
    /// <param name="isBound">Whether a loop index is bound where the statements run (rows of matrices are read at it).</param>
    /// <param name="computed">The value of a node already computed there (a scalar, or a matrix's buffer), or null.</param>
    /// <param name="hoist">Binds captured arrays to locals.</param>
    public static RowCode? TryCreate(Node body, ParameterExpression column, Expression width, ParameterExpression scratch,
        (Expression Array, Expression Offset)? destination, Func<ParameterExpression, bool> isBound, Func<Node, Expression?> computed, Func<Expression, Expression> hoist)
    {
        if (!body.FreeIndices.Contains(column)) return null;
        var program = new RowProgram(body, scratch, width, destination);
        foreach (var node in RowNodes(body, column))
        {
            var operand = node.FreeIndices.Contains(column) ? program.Row(node, column, isBound, computed, hoist)
                : computed(node) is { } value ? new Operand(null, null, program.Once(value)) : null;
            if (operand is null) return null;
            program._operands[node] = operand;
        }
        var result = program._operands[body];
        if (result.Array is null) return null;
        var (array, offset) = program.Destination(body);
        // A body that is a plain read still has to be copied.
        if (!ReferenceEquals(result.Array, array) || !SameOffset(result.Offset!, offset))
            program._statements.Add(Expression.Call(program._runtime.Copy, result.Array, result.Offset!, array, offset, width));
        // A sum (no destination) also takes its scratch row and sums it on every row: two more calls and one addition;
        // a dot product of two rows is one call (RowDot) whatever it would cost written out.
        var summed = destination is null;
        var calls = summed && RowDot.IsDot(program._statements, scratch) ? 1 : program._statements.Count + (summed ? 2 : 0);
        if (!(summed && calls == 1 && ReadsBatchInput(program._statements[0]))
            && !RowCostRule.Vectorizes(width, calls, program._arithmetic + (summed ? 1 : 0), program._transcendental))
            return null;
        return new RowCode(program._locals, program._prelude, program._statements, program._temporaries + 1);
    }

    /// <summary>
    /// Whether a dot product reads a batch's input row (<see cref="BatchRows.IsInput"/>): one call however short, because the
    /// products over the batch take the B·H such dots of a batched step up as one product (<see cref="BatchedStepProduct"/>).
    /// </summary>
    private static bool ReadsBatchInput(Expression dot) =>
        dot is MethodCallExpression { Arguments: [_, var x, _, var y, _, ..] } && (BatchRows.IsInput(x) || BatchRows.IsInput(y));

    /// <summary>A scalar as a local assigned in the prelude, unless it already is a local or a constant.</summary>
    private Expression Once(Expression value)
    {
        if (value is ParameterExpression or ConstantExpression) return value;
        var local = Expression.Variable(value.Type, $"scalar{_locals.Count + 1}");
        _locals.Add(local);
        _prelude.Add(Expression.Assign(local, value));
        return local;
    }

    /// <summary>
    /// The code of a row: <paramref name="Locals"/> to declare, a <paramref name="Prelude"/> to run once before
    /// the rows (the scalars), the <paramref name="Statements"/> of one row, and how many scratch rows they use.
    /// </summary>
    public sealed record RowCode(IReadOnlyList<ParameterExpression> Locals, IReadOnlyList<Expression> Prelude, IReadOnlyList<Expression> Statements, int Temporaries);

    /// <summary>
    /// Room for <paramref name="temporaries"/> rows of <paramref name="width"/> elements of the <paramref name="scratch"/>
    /// variable's type (per thread, reused) from the pool <paramref name="buffers"/> evaluates to.
    /// </summary>
    public static Expression ScratchFor(ParameterExpression scratch, Expression buffers, int temporaries, Expression width) =>
        Expression.Call(RuntimeEntryPoints.ForArray(scratch.Type).Scratch, buffers, Expression.Multiply(Expression.Constant(temporaries), width));

    private Operand? Row(Node node, ParameterExpression column, Func<ParameterExpression, bool> isBound, Func<Node, Expression?> computed, Func<Expression, Expression> hoist) => node switch
    {
        TensorReadNode { Column: { } c } t when c == column && isBound(t.Row) && computed(t.Tensor) is { } buffer
            => new Operand(buffer, Expression.Multiply(t.Row, LinqRuntime.Dimension(t.Tensor.Columns)), null),
        IndexedElementNode e when Dense.StridedView.ContiguousOffset(e.Index, column) is { } offset => new Operand(e.Array, offset, null),
        OpaqueNode { Expression: BinaryExpression { NodeType: ExpressionType.ArrayIndex } read } when read.Left.Type == _scratch.Type
            && !Dense.StridedView.Reads(read.Left, column) && Dense.StridedView.ContiguousOffset(read.Right, column) is { } offset
            => new Operand(hoist(read.Left), offset, null),
        UnaryNode u when RowOperations.Of(u.Op) is { } op => Map(node, _runtime.Unary, op, [_operands[u.Operand]]),
        PowerNode { Exponent: 2 } p => Map(node, null, RowOperation.Multiply, [_operands[p.Base], _operands[p.Base]]),
        BinaryNode b when RowOperations.Of(b.Op) is { } op => Map(node, null, op, [_operands[b.Left], _operands[b.Right]]),
        // A comparison is not a row of doubles: it is kept for the conditional that tests it.
        ComparisonNode => Deferred,
        ConditionalNode c when c.Test is ComparisonNode test && _operands.ContainsKey(test.Left) && _operands.ContainsKey(test.Right) && OnlyGuardedReads(c)
            => Select(node, test, c.IfTrue, c.IfFalse),
        _ => null,
    };

    private static bool SameOffset(Expression a, Expression b) =>
        a == b || a is ConstantExpression { Value: int x } && b is ConstantExpression { Value: int y } && x == y;

    /// <summary>The operand of a comparison: not usable as a row, only by the conditional that tests it.</summary>
    private static readonly Operand Deferred = new(null, null, null);

    /// <summary>(left op right) ? ifTrue : ifFalse on whole rows, scalars filled into rows first.</summary>
    private Operand? Select(Node node, ComparisonNode test, Node ifTrue, Node ifFalse)
    {
        Node[] inputs = [test.Left, test.Right, ifTrue, ifFalse];
        if (inputs.Any(i => _operands[i] == Deferred) || inputs.All(i => _operands[i].Array is null)) return null;
        var rows = inputs.Select(i => AsRow(_operands[i])).ToList();
        var (target, offset) = Destination(node);
        // A selection also saves the scalar loop's branch, mispredicted on mixed signs: it counts twice (measured on a ReLU layer).
        _arithmetic += 2;
        _statements.Add(Expression.Call(_runtime.Select, [Expression.Constant((int)RowOperations.Of(test.Op)),
            .. rows.SelectMany(r => new[] { r.Array!, r.Offset! }), target, offset, _width]));
        return new Operand(target, offset, null);
    }

    /// <summary>A scalar written out as a scratch row (selection takes rows only).</summary>
    private Operand AsRow(Operand operand)
    {
        if (operand.Array is not null) return operand;
        var offset = Expression.Multiply(Expression.Constant(++_temporaries), _width);
        _statements.Add(Expression.Call(_runtime.Fill, operand.Scalar!, _scratch, offset, _width));
        return new Operand(_scratch, offset, null);
    }

    /// <summary>
    /// Whether every array the branches read is also read by the test: a selection computes both branches for
    /// every element, so a read that only one branch makes (a guarded <c>i &lt; n ? data[i] : 0</c>) must stay a loop.
    /// </summary>
    private static bool OnlyGuardedReads(ConditionalNode conditional)
    {
        var tested = ArrayReads(conditional.Test);
        return ArrayReads(conditional.IfTrue).IsSubsetOf(tested) && ArrayReads(conditional.IfFalse).IsSubsetOf(tested);
    }

    private static HashSet<Node> ArrayReads(Node root)
    {
        var reads = new HashSet<Node>();
        var seen = new HashSet<Node>();
        var pending = new Stack<Node>([root]);
        while (pending.TryPop(out var node))
        {
            if (node is TensorNode || !seen.Add(node)) continue;
            if (node is IndexedElementNode or ElementNode or OpaqueNode { Expression: BinaryExpression { NodeType: ExpressionType.ArrayIndex } or MethodCallExpression }) reads.Add(node);
            foreach (var child in node.Children) pending.Push(child);
        }
        return reads;
    }

    /// <summary>Where a node's row goes: the destination for the body itself, a scratch row otherwise.</summary>
    private (Expression Array, Expression Offset) Destination(Node node) =>
        node == _body && _destination is { } destination ? destination
        : node == _body ? (_scratch, Expression.Constant(0))
        : (_scratch, Expression.Multiply(Expression.Constant(++_temporaries), _width));

    /// <summary>One operation on whole rows.</summary>
    private Operand? Map(Node node, MethodInfo? unary, RowOperation operation, Operand[] inputs)
    {
        if (inputs.All(i => i.Array is null)) return null;
        var op = (int)operation;
        var (target, offset) = Destination(node);
        Expression? call = (unary, inputs) switch
        {
            ({ } method, [{ Array: { } x } a]) => Expression.Call(method, Expression.Constant(op), x, a.Offset!, target, offset, _width),
            (null, [{ Array: { } x } a, { Array: { } y } b]) => Expression.Call(_runtime.Binary, Expression.Constant(op), x, a.Offset!, y, b.Offset!, target, offset, _width),
            (null, [{ Array: { } x } a, { Scalar: { } s }]) => Expression.Call(_runtime.BinaryScalar, Expression.Constant(op), x, a.Offset!, s, target, offset, _width),
            (null, [{ Scalar: { } s }, { Array: { } y } b]) => Expression.Call(_runtime.ScalarBinary, Expression.Constant(op), s, y, b.Offset!, target, offset, _width),
            _ => null,
        };
        if (call is null) return null;
        if (node is UnaryNode u && RowCostRule.IsTranscendental(u.Op)) _transcendental++;
        else _arithmetic++;
        _statements.Add(call);
        return new Operand(target, offset, null);
    }

    /// <summary>The body's nodes down to the values that do not vary along the row (scalars) and the matrix reads, in id order.</summary>
    private static List<Node> RowNodes(Node body, ParameterExpression column)
    {
        var seen = new HashSet<Node>();
        var pending = new Stack<Node>([body]);
        while (pending.TryPop(out var node))
        {
            if (!seen.Add(node) || !node.FreeIndices.Contains(column) || node is TensorReadNode) continue;
            foreach (var child in node.Children) pending.Push(child);
        }
        var ordered = seen.ToList();
        ordered.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        return ordered;
    }
}
