using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.Dense;

/// <summary>
/// Recognises a matrix product in a sum: Σₖ a(i, k)·b(j, k), whatever the index names and layouts
/// (<c>W[j, k]</c>, <c>x[b][k]</c>, <c>p[offset + j*n + k]</c>, a layer's activations), becomes
/// <c>C[i, j]</c> with C = A·Bᵀ computed once by the matrix kernel, A and B being the two factors
/// materialised as grids over (i, k) and (j, k).
/// </summary>
/// <remarks>
/// <para>With one outer index, Σₖ a(i, k)·v(k) is a matrix–vector product, recognised unless the matrix is
/// data that cannot be read in place (a copy would cost as much as the product).</para>
/// <para>Which indices a factor reads (<see cref="Node.Reads"/>) decides everything: the factors that read
/// k and one index i form A, those that read k and one other index j form B, those that read only k join
/// A, and those that do not read k are pulled out of the sum. Anything else (a factor reading two outer
/// indices, a sum inside a factor, a range that depends on another loop) stays a scalar loop.</para>
/// <para>The same rule applies to the sums reverse mode builds, so backpropagation through a product
/// (dA = dC·B, dB = dCᵀ·A, and the adjoints of earlier layers) runs on the same kernel.</para>
/// </remarks>
internal static class ContractionRecognizer
{
    /// <summary>The product a sum over <paramref name="k"/> computes, or null.</summary>
    /// <param name="g">The graph.</param>
    /// <param name="k">The summed index.</param>
    /// <param name="count">The sum's count.</param>
    /// <param name="body">The sum's body.</param>
    /// <param name="rowLoops">Loops over rows that stay loops (<see cref="RowTails"/>): a matrix–vector product over data whose rows these index is not recognised.</param>
    public static Node? TryRecognize(NodeGraph g, ParameterExpression k, Expression count, Node body, IReadOnlySet<ParameterExpression>? rowLoops = null)
    {
        if (g.ReadsLoopIndex(count)) return null;
        var factors = Factors(body);
        if (factors.Count < 2) return null;
        var outside = factors.Where(f => !f.Reads.Contains(k)).ToList();
        var (left, right, neutral) = (new List<Node>(), new List<Node>(), new List<Node>());
        ParameterExpression? i = null, j = null;
        foreach (var factor in factors.Where(f => f.Reads.Contains(k)))
        {
            var others = factor.Reads.Where(index => index != k).ToList();
            if (others.Count == 0) { neutral.Add(factor); continue; }
            if (others.Count > 1 || ContainsLoop(factor)) return null;
            if (i is null || others[0] == i) { i = others[0]; left.Add(factor); }
            else if (j is null || others[0] == j) { j = others[0]; right.Add(factor); }
            else return null;
        }
        if (i is null || neutral.Any(ContainsLoop) || g.ReadsLoopIndex(g.CountOf(i))) return null;
        if (j is null) return MatrixVector(g, Product(g, left), i, neutral, k, outside, rowLoops);
        if (g.ReadsLoopIndex(g.CountOf(j))) return null;
        left.AddRange(neutral);
        // The outer loop's index indexes the rows, so the loops that read C (and gather its adjoint) walk its rows contiguously.
        if (g.DepthOf(j) < g.DepthOf(i)) (i, j, left, right) = (j, i, right, left);
        var a = Operand(g, Product(g, left), i, k);
        var b = Operand(g, Product(g, right), j, k);
        Node product = g.TensorRead(g.MatMul(a, false, b, true), i, j);
        return outside.Aggregate(product, g.Multiply);
    }

    /// <summary>
    /// Σₖ a(i, k)·v(k): the product of the grid of a with v as a one-row grid (transposed), read at (i) —
    /// none when nothing but a reads k (a row sum is not a product).
    /// </summary>
    private static Node? MatrixVector(NodeGraph g, Node a, ParameterExpression i, List<Node> vector, ParameterExpression k, List<Node> outside, IReadOnlySet<ParameterExpression>? rowLoops)
    {
        if (vector.Count == 0) return null;
        // Each row's dot product feeds that row's exp-like tail, which block-rows runs in blocks: one pass over
        // the data rows there beats a kernel pass for the product, a row loop, and a second kernel pass for Xᵀ·c.
        if (rowLoops is not null && rowLoops.Contains(i) && a is OpaqueNode) return null;
        // Copying data that is used once costs as much as the product: a matrix that is a plain read must be
        // readable in place (a slice of the parameters, a flat data array). A computed one (a layer's
        // activations) is worth materialising: its rows are then vectorised maps.
        var matrix = Operand(g, a, i, k);
        if (StridedView.Of(matrix) is null && matrix.Body is IndexedElementNode or OpaqueNode) return null;
        var row = g.GridIndex(0, null, Expression.Constant(1));
        var column = g.GridIndex(1, row, g.CountOf(k));
        var v = g.Grid(row, column, Reindexer.Reindex(g, Product(g, vector), new Dictionary<ParameterExpression, ParameterExpression> { [k] = column }));
        Node product = g.TensorRead(g.MatMul(matrix, false, v, true), i, null);
        return outside.Aggregate(product, g.Multiply);
    }

    /// <summary>factor(row, k) as a grid over fresh indices: rows at the top, k nested in them.</summary>
    private static GridNode Operand(NodeGraph g, Node factor, ParameterExpression row, ParameterExpression k)
    {
        var r = g.GridIndex(0, null, g.CountOf(row));
        var c = g.GridIndex(1, r, g.CountOf(k));
        return g.Grid(r, c, Reindexer.Reindex(g, factor, new Dictionary<ParameterExpression, ParameterExpression> { [row] = r, [k] = c }));
    }

    /// <summary>The operands of a product tree (a·b·c → a, b, c).</summary>
    private static List<Node> Factors(Node body)
    {
        var factors = new List<Node>();
        var pending = new Stack<Node>([body]);
        while (pending.TryPop(out var node))
        {
            if (node is BinaryNode { Op: BinaryOp.Multiply } product) { pending.Push(product.Right); pending.Push(product.Left); }
            else factors.Add(node);
        }
        return factors;
    }

    private static Node Product(NodeGraph g, List<Node> factors) => factors.Skip(1).Aggregate(factors[0], g.Multiply);

    /// <summary>Whether a loop must run to compute the factor at one point (materialised matrices excepted: they are computed once).</summary>
    private static bool ContainsLoop(Node factor)
    {
        var seen = new HashSet<Node>();
        var pending = new Stack<Node>([factor]);
        while (pending.TryPop(out var node))
        {
            if (node is TensorNode || !seen.Add(node)) continue;
            if (node is SumNode or ArgExtremumNode) return true;
            foreach (var child in node.Children) pending.Push(child);
        }
        return false;
    }
}
