using System.Linq.Expressions;
using Symbolic.Diagnostics;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Copies a fold's steps read that do not change while the fold runs, made once before its loop: the transposes of the
/// matrices a batched step multiplies by (<see cref="BatchedStepProduct"/>: the state block times Wᵀ reads W by columns, so
/// the product's rows of Wᵀ would be strided, and the kernel would copy them on every step). They are kept past the
/// fold's states, in its buffer (<paramref name="buffer"/> from <paramref name="start"/> on).
/// </summary>
/// <remarks>
/// A copy is sound only if its matrix is the same on every step: the array must be a variable the fold's loop neither
/// declares, assigns nor writes through (its only uses there are reads by the products and the row maps' dot products),
/// and the matrix's offset a constant. That is known once the whole loop is emitted (<see cref="Resolve"/>); a copy
/// that is not sound is dropped, and its products read the matrix in place again.
/// </remarks>
internal sealed class FoldInvariants(ParameterExpression buffer, Expression start)
{
    private readonly List<(ParameterExpression Array, int Offset, int Rows, int Columns, int Stride, int At)> _transposes = [];
    private readonly Dictionary<Expression, Expression> _inPlace = [];

    /// <summary>
    /// Where the transpose of the rows × columns matrix at <c>array[rest + j·stride + k]</c> is kept (element (k, j) at
    /// offset + k·rows + j), or null when it cannot be copied before the loop (the array is not a variable, the offset not a constant).
    /// </summary>
    public (Expression Array, Expression Offset)? Transposed(Expression array, Expression rest, int rows, int columns, int stride)
    {
        if (array is not ParameterExpression variable || variable == buffer || Constant(rest) is not { } offset) return null;
        var known = _transposes.FindIndex(t => t.Array == variable && t.Offset == offset && t.Rows == rows && t.Columns == columns && t.Stride == stride);
        var at = known >= 0 ? _transposes[known].At : _transposes.Sum(t => t.Rows * t.Columns);
        if (known < 0) _transposes.Add((variable, offset, rows, columns, stride, at));
        return (buffer, Expression.Add(start, Expression.Constant(at)));
    }

    /// <summary>Records the call that reads the matrix in place, for a product that reads its copy.</summary>
    public void InPlace(Expression withCopy, Expression inPlace) => _inPlace[withCopy] = inPlace;

    /// <summary>
    /// The copies to make before the loop, the loop (its products reading the matrices in place again where a copy is
    /// not sound), and the entries the copies need past the states.
    /// </summary>
    public (IReadOnlyList<Expression> Before, Expression Loop, int Length) Resolve(Expression loop)
    {
        if (_transposes.Count == 0) return ([], loop, 0);
        var set = BatchedStepProduct.SetIn(loop);
        if (_transposes.Any(t => set.Contains(t.Array) || !OnlyRead(loop, t.Array))) return ([], new Replace(_inPlace).Visit(loop)!, 0);
        var copies = _transposes.Select(t => Transpose(t.Array, t.Offset, t.Rows, t.Columns, t.Stride, t.At)).ToList();
        return (copies, loop, _transposes.Sum(t => t.Rows * t.Columns));
    }

    /// <summary>buffer[start + at + k·rows + j] = array[rest + j·stride + k].</summary>
    private Expression Transpose(ParameterExpression array, int rest, int rows, int columns, int stride, int at)
    {
        var (j, k) = (Expression.Variable(typeof(int), "row"), Expression.Variable(typeof(int), "column"));
        var to = Expression.Add(Expression.Add(start, Expression.Constant(at)), Expression.Add(Expression.Multiply(k, Expression.Constant(rows)), j));
        var from = Expression.Add(Expression.Constant(rest), Expression.Add(Expression.Multiply(j, Expression.Constant(stride)), k));
        return Expression.Block([j, k], Loops.For(j, Expression.Constant(rows),
            Loops.For(k, Expression.Constant(columns), Expression.Assign(Expression.ArrayAccess(buffer, to), Expression.ArrayIndex(array, from)))));
    }

    /// <summary>A sum of integer constants, evaluated; else null.</summary>
    private static int? Constant(Expression e) => e switch
    {
        ConstantExpression { Value: int c } => c,
        BinaryExpression { NodeType: ExpressionType.Add, Method: null } sum when Constant(sum.Left) is { } left && Constant(sum.Right) is { } right => left + right,
        _ => null,
    };

    /// <summary>
    /// Whether the loop only reads the array: no write through it, and no call takes it but the row maps' dot products,
    /// a row copied from it, and the dense products' A and B operands.
    /// </summary>
    private static bool OnlyRead(Expression loop, ParameterExpression array)
    {
        var pending = new Stack<Expression>([loop]);
        while (pending.TryPop(out var e))
        {
            switch (e)
            {
                case BinaryExpression { Left: IndexExpression { Object: var target } } assignment when target == array && assignment.NodeType != ExpressionType.ArrayIndex:
                    return false;
                case UnaryExpression { Operand: IndexExpression { Object: var target } } unary when target == array && unary.NodeType is not ExpressionType.Convert:
                    return false;
                case MethodCallExpression call when call.Arguments.Select((a, i) => (a, i)).Any(x => x.a == array && !ReadArgument(call, x.i)):
                    return false;
            }
            foreach (var child in ExpressionChildren.Of(e)) pending.Push(child);
        }
        return true;
    }

    private static bool ReadArgument(MethodCallExpression call, int position) =>
        call.Method == RowMaps.DotMethod
        || (call.Method == RowMaps.CopyMethod && position == 0)
        || (call.Method == DenseRuntime.MultiplyIntoMethod && position >= 7)
        || (call.Method == DenseRuntime.MultiplyAddMethod && position >= 8);

    private sealed class Replace(Dictionary<Expression, Expression> replacements) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) => node is not null && replacements.TryGetValue(node, out var to) ? to : base.Visit(node);
    }
}
