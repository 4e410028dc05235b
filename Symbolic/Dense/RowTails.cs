using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.Dense;

/// <summary>
/// The loops over rows whose rows end in an exp-like function of the row alone (a logistic or softplus loss,
/// tanh, exp: the loops the block-rows pass, <c>CodeGeneration.RowBlocking</c>, runs in blocks) or in a
/// conditional, max or min on the row (hinge, Huber). Recognition leaves a matrix–vector product over data rows of such a
/// loop as the loop's dot products, so the rows are read once per call instead of once by each kernel and once
/// by the loop, and the row's tail (its exp or its branch) is computed once for the value and the gradient.
/// </summary>
internal static class RowTails
{
    /// <summary>The indices of loops in <paramref name="nodes"/> with an exp-like function or a conditional of the row alone.</summary>
    public static IReadOnlySet<ParameterExpression> Of(NodeGraph g, IEnumerable<Node> nodes)
    {
        var loops = new HashSet<ParameterExpression>();
        foreach (var node in nodes)
        {
            var index = node switch
            {
                UnaryNode { Op: UnaryOp.Exp or UnaryOp.Log or UnaryOp.Tanh or UnaryOp.Sinh or UnaryOp.Cosh or UnaryOp.Atan, FreeIndices: [var row] } => row,
                ConditionalNode { FreeIndices: [var row] } => row,
                // max(0, 1 − y·z) (hinge): its derivative is a conditional on the row, a selection over the block.
                BinaryNode { Op: BinaryOp.Max or BinaryOp.Min, FreeIndices: [var row] } => row,
                _ => null,
            };
            if (index is not null && g.IsIndex(index)) loops.Add(index);
        }
        return loops;
    }
}
