using System.Linq.Expressions;
using Symbolic.Differentiation;
using Symbolic.Graph;
using Symbolic.Runtime;

namespace Symbolic.Dense;

/// <summary>
/// <c>gradient[View.Offset + r·View.RowStride + c·View.ColumnStride] += Tensor[r, c]</c> for every (r, c): the
/// scatter of a whole matrix of adjoints (the gradient of a weight matrix, dW = δᵀ·X), done by the kernel
/// accumulating into the gradient in place instead of a loop over a buffer.
/// </summary>
internal sealed record MatrixScatter(TensorNode Tensor, StridedView View)
{
    /// <summary>
    /// Whether this is the only write into its block of the gradient, which it covers entirely: the kernel then
    /// overwrites the block, and the gradient is not cleared there first.
    /// </summary>
    public bool Overwrites { get; init; }

    /// <summary>
    /// Marks the matrix scatters that may overwrite their block: a contiguous row-major block of constant
    /// position and size that no other write into the gradient can reach (element scatters over constant
    /// ranges, constant entries, other blocks). Returns them with the blocks (start, length) to leave uncleared.
    /// </summary>
    public static (IReadOnlyList<MatrixScatter> Matrices, IReadOnlyList<(int Start, int Length)> Blocks) MarkOverwrites(
        IReadOnlyList<MatrixScatter> matrices, IReadOnlyList<Scatter> elements, IEnumerable<int> entries, Func<ParameterExpression, int?> count)
    {
        var blocks = matrices.Select(m => m.Block()).ToList();
        var extents = matrices.Select(m => m.Extent()).ToList();
        var others = new List<(long Min, long Max)>();
        foreach (var scatter in elements)
        {
            if (IndexInterval.Of(scatter.Element.Index, count) is not { } interval) return (matrices, []);
            others.Add(interval);
        }
        others.AddRange(entries.Select(i => ((long)i, (long)i)));
        var marked = new List<MatrixScatter>();
        var kept = new List<(int, int)>();
        for (var k = 0; k < matrices.Count; k++)
        {
            var exclusive = blocks[k] is { } block
                && !others.Any(o => o.Min <= block.Max && block.Min <= o.Max)
                && !extents.Where((_, j) => j != k).Any(e => e is null || e.Value.Min <= block.Max && block.Min <= e.Value.Max);
            marked.Add(exclusive ? matrices[k] with { Overwrites = true } : matrices[k]);
            if (exclusive) kept.Add(((int)blocks[k]!.Value.Min, (int)(blocks[k]!.Value.Max - blocks[k]!.Value.Min + 1)));
        }
        return (marked, kept);
    }

    /// <summary>The elements [min, max] the scatter writes, when they form one contiguous row-major block of constant position and size.</summary>
    private (long Min, long Max)? Block()
    {
        var (rows, columns) = (IndexInterval.ConstantOf(LinqRuntime.Dimension(Tensor.Rows)), IndexInterval.ConstantOf(LinqRuntime.Dimension(Tensor.Columns)));
        var (offset, rowStride, columnStride) = (IndexInterval.ConstantOf(View.Offset), IndexInterval.ConstantOf(View.RowStride), IndexInterval.ConstantOf(View.ColumnStride));
        if (rows is not > 0 || columns is not > 0 || offset is not { } start || columnStride != 1 || rowStride != columns) return null;
        return (start, start + rows.Value * columns.Value - 1);
    }

    /// <summary>The first and last elements the scatter may write, when its position, strides and size are constants.</summary>
    private (long Min, long Max)? Extent()
    {
        var (rows, columns) = (IndexInterval.ConstantOf(LinqRuntime.Dimension(Tensor.Rows)), IndexInterval.ConstantOf(LinqRuntime.Dimension(Tensor.Columns)));
        var (offset, rowStride, columnStride) = (IndexInterval.ConstantOf(View.Offset), IndexInterval.ConstantOf(View.RowStride), IndexInterval.ConstantOf(View.ColumnStride));
        if (rows is not > 0 || columns is not > 0 || offset is not { } start || rowStride is not { } r || columnStride is not { } c) return null;
        var (down, across) = ((rows.Value - 1) * r, (columns.Value - 1) * c);
        return (start + Math.Min(0, down) + Math.Min(0, across), start + Math.Max(0, down) + Math.Max(0, across));
    }

    /// <summary>
    /// Splits scatters into those that write an entire matrix read at its own two indices into an affine slice
    /// of the gradient (matrix scatters) and the others.
    /// </summary>
    public static (IReadOnlyList<Scatter> Elements, IReadOnlyList<MatrixScatter> Matrices) Split(IReadOnlyList<Scatter> scatters)
    {
        var (elements, matrices) = (new List<Scatter>(), new List<MatrixScatter>());
        foreach (var scatter in scatters)
        {
            if (scatter.Adjoint is TensorReadNode { Column: not null } read
                && scatter.Element.FreeIndices.Union(read.FreeIndices).All(i => i == read.Row || i == read.Column)
                && StridedView.Parse(scatter.Element.Array, scatter.Element.Index, read.Row, read.Column!) is { } view)
                matrices.Add(new MatrixScatter(read.Tensor, view));
            else
                elements.Add(scatter);
        }
        return (elements, matrices);
    }
}
