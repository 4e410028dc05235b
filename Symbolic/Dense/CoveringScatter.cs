using System.Linq.Expressions;
using Symbolic.Differentiation;
using Symbolic.Graph;
using Symbolic.Runtime;

namespace Symbolic.Dense;

/// <summary>
/// The scatters of one loop <c>for i &lt; Count: gradient[Stride·i + Offset + j] += a_j(i)</c>, j = 0 … Width,
/// that together write every entry of <c>[Offset, Stride·Count + Offset + Registers)</c> (nothing when the loop
/// runs no iteration) and that nothing else in the program writes: the loop may then write each entry once
/// (<c>=</c>, no clear first), carrying the contributions to the entries of later iterations in
/// <see cref="Registers"/> locals — as a hand-written Rosenbrock loop carries g[i + 1] to the next iteration.
/// </summary>
/// <param name="Index">The loop index.</param>
/// <param name="Count">The loop's count as a side-effect-free int expression (the range's count, unchecked).</param>
/// <param name="Stride">The coefficient of the index, the same in every scatter (≥ 1).</param>
/// <param name="Offset">The smallest constant offset (≥ 0): the first entry written.</param>
/// <param name="Width">The largest offset minus the smallest; every offset between is written.</param>
/// <param name="Scatters">The scatters, each with its offset minus <paramref name="Offset"/>.</param>
internal sealed record CoveringScatter(ParameterExpression Index, Expression Count, int Stride, int Offset, int Width, IReadOnlyList<(Scatter Scatter, int Offset)> Scatters)
{
    // More carried entries than this stay clear-then-add: each is a register live across the whole loop.
    private const int MaxRegisters = 8;

    /// <summary>How many entries are carried from one iteration to the next (Width + 1 − Stride, ≥ 0).</summary>
    public int Registers => Width + 1 - Stride;

    /// <summary>
    /// The covering of the element scatters, when every one of them is an unguarded
    /// <c>gradient[Stride·i + k]</c> over one loop index i at the top level, the offsets k are contiguous and at
    /// least Stride of them (so no entry between two written ones is skipped), the loop's count is a pure
    /// expression, and every other write into the gradient — the constant entries, the matrix scatters — lies
    /// below the first entry written. Null otherwise: those programs keep clear-then-add.
    /// </summary>
    /// <param name="elements">The element scatters of the program.</param>
    /// <param name="entries">The constant gradient entries the program writes.</param>
    /// <param name="matrices">The matrix scatters of the program.</param>
    /// <param name="countOf">The count of a loop index.</param>
    public static CoveringScatter? Find(IReadOnlyList<Scatter> elements, IEnumerable<int> entries, IReadOnlyList<MatrixScatter> matrices,
        Func<ParameterExpression, Expression> countOf)
    {
        if (elements.Count == 0 || matrices.Count > 0) return null;
        var index = elements[0].Element.FreeIndices is [var first] ? first : null;
        if (index is null) return null;
        var offsets = new List<long>();
        long? stride = null;
        foreach (var scatter in elements)
        {
            if (scatter.Element.FreeIndices is not [var i] || i != index || scatter.Adjoint.FreeIndices.Any(f => f != index) || IsGuarded(scatter.Adjoint))
                return null;
            if (Affine(scatter.Element.Index, index) is not var (coefficient, constant) || coefficient < 1 || (stride ?? coefficient) != coefficient)
                return null;
            stride = coefficient;
            offsets.Add(constant);
        }

        var (low, high) = (offsets.Min(), offsets.Max());
        var width = high - low;
        if (low < 0 || high > int.MaxValue || width + 1 < stride || width + 1 - stride > MaxRegisters) return null;
        if (Enumerable.Range(0, (int)width + 1).Any(j => !offsets.Contains(low + j))) return null;
        if (entries.Any(e => e >= low) || PureCount(countOf(index)) is not { } count) return null;
        return new CoveringScatter(index, count, (int)stride!.Value, (int)low, (int)width,
            [.. elements.Select((s, k) => (s, (int)(offsets[k] - low)))]);
    }

    /// <summary>coefficient·index + constant, or null when the expression is not of that form.</summary>
    private static (long Coefficient, long Constant)? Affine(Expression expression, ParameterExpression index)
    {
        long coefficient = 0, constant = 0;
        foreach (var (term, sign) in AffineTerms.Of(expression))
        {
            var (factor, loop) = IndexInterval.Split(term);
            if (factor is null || loop is not null && loop != index) return null;
            if (loop is null) constant += sign * factor.Value;
            else coefficient += sign * factor.Value;
        }
        return (coefficient, constant);
    }

    /// <summary>A scattered adjoint that is zero under a test (a Where filter): its entry is not always read, so not always in range.</summary>
    private static bool IsGuarded(Node adjoint) =>
        adjoint is ConditionalNode c && (c.IfTrue is ConstantNode { Value: 0 } || c.IfFalse is ConstantNode { Value: 0 });

    /// <summary>
    /// The count without its range check, when it is made of constants, parameters, lengths, member reads and arithmetic (division by a nonzero constant)
    /// (it is evaluated again to size the clear and the last writes), or null.
    /// </summary>
    private static Expression? PureCount(Expression count)
    {
        var dimension = LinqRuntime.Unchecked(LinqRuntime.Dimension(count));
        var pending = new Stack<Expression>([dimension]);
        while (pending.TryPop(out var e))
        {
            switch (e)
            {
                case ConstantExpression or ParameterExpression:
                    break;
                case UnaryExpression { NodeType: ExpressionType.ArrayLength or ExpressionType.Convert } u:
                    pending.Push(u.Operand);
                    break;
                case MemberExpression m when m.Expression is null or ConstantExpression or MemberExpression or ParameterExpression:
                    if (m.Expression is not null) pending.Push(m.Expression);
                    break;
                case BinaryExpression { NodeType: ExpressionType.Add or ExpressionType.Subtract or ExpressionType.Multiply } b:
                    pending.Push(b.Left); pending.Push(b.Right);
                    break;
                case BinaryExpression { NodeType: ExpressionType.Divide, Right: ConstantExpression { Value: int and not 0 } } d:
                    pending.Push(d.Left);
                    break;
                default:
                    return null;
            }
        }
        return dimension.Type == typeof(int) ? dimension : null;
    }
}
