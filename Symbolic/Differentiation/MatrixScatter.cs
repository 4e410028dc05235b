using Symbolic.Dense;
using Symbolic.Graph;

namespace Symbolic.Differentiation;

/// <summary>
/// <c>gradient[View.Offset + r·View.RowStride + c·View.ColumnStride] += Tensor[r, c]</c> for every (r, c): the
/// scatter of a whole matrix of adjoints (the gradient of a weight matrix, dW = δᵀ·X), done by the kernel
/// accumulating into the gradient in place instead of a loop over a buffer.
/// </summary>
internal sealed record MatrixScatter(TensorNode Tensor, StridedView View)
{
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
