using System.Linq.Expressions;
using Symbolic.Diagnostics;

namespace Symbolic.Lowering;

/// <summary>
/// A LINQ sequence read as an indexed family: element(Index) for Index = 0 … Count − 1, kept where
/// Filter holds. Every operator we read (Range, arrays, Select, Where, Zip) maps to this form, so a
/// Sum over any of them becomes one <see cref="Graph.SumNode"/> over a single index.
/// </summary>
/// <param name="Index">The loop index (int), fresh for each sequence.</param>
/// <param name="Count">The number of elements before filtering (an int expression).</param>
/// <param name="Element">The element at <paramref name="Index"/> (an expression reading the index).</param>
/// <param name="Filter">The Where predicates at <paramref name="Index"/>, or null.</param>
internal sealed record Sequence(ParameterExpression Index, Expression Count, Expression Element, Expression? Filter)
{
    /// <summary>The same sequence with its index renamed (to align the sources of a Zip).</summary>
    public Sequence WithIndex(ParameterExpression index) =>
        new(index, Count, Substitution.Replace(Element, Index, index), Filter is null ? null : Substitution.Replace(Filter, Index, index));
}
