using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Whether a loop over rows is worth blocking, and how many rows a block holds (see
/// <see cref="RowBlocking"/>): a block pays one vectorised call per exp-like map and a few loop headers, and
/// saves <see cref="RowCostRule.TranscendentalSavingNanoseconds"/> per row and map (the measured constants of
/// <see cref="RowCostRule"/>: a call costs about <see cref="RowCostRule.CallNanoseconds"/>).
/// </summary>
/// <remarks>
/// <para>Rows per block: the calls must cost at most a tenth of what the block saves, so
/// B ≥ 10 · call / saving ≈ 22 rows, rounded up to a power of two; and the block's data rows and buffers (a few
/// doubles per row and per value that crosses a map) must stay in the L1 cache between the block's first call
/// and its last, which keeps B at or below 128. <see cref="Rows"/> = 64 is the general choice; a block of rows
/// that read few columns (<see cref="NarrowColumns"/> or fewer, counted from the row's column loops) holds
/// <see cref="NarrowRows"/>: its 128 rows of data fit in 16 KB, half of a 32 KB L1, and it pays its fixed
/// per-block costs (the calls, the phases' loop headers and lane sums, about 50 ns a block at d = 10) half as
/// often. Measured on the logistic gradient (d = 10, 100,000 rows; docs/batch-vectorisation.md, "Rows per block").</para>
/// <para>A loop whose count is a constant is blocked only when its maps save at least twice the calls of one
/// block: from <see cref="MinimumRows"/> rows on. A count known only at run time is taken to be large (a batch).</para>
/// <para>A loop whose rows have conditionals (Huber's |r| ≤ δ, hinge's margin) but no exp-like map is planned by
/// the same rule: each conditional becomes one vectorised selection per block (<see cref="BlockSelections"/>) in
/// place of a branch per row, which mispredicts when the rows fall on both sides. The emitter then keeps such a
/// loop row by row when a branch on the row remains after the selections (hinge's gradient scatter is guarded by
/// the margin): the branch mispredicts as before and the block only adds its buffer's traffic. Measured (d = 10,
/// 100,000 rows, best of 60 calls, shared machine; docs/batch-vectorisation.md): Huber 0.72x the hand-written
/// per-row loop blocked against 1.09x row by row; hinge 1.07x blocked against 0.82x row by row, hence the rule.</para>
/// </remarks>
internal static class RowBlockRule
{
    /// <summary>The rows of one block, unless its rows are narrow.</summary>
    public const int Rows = 64;

    /// <summary>The rows of a block whose rows read at most <see cref="NarrowColumns"/> columns.</summary>
    public const int NarrowRows = 128;

    /// <summary>The most columns a row may read for its block to hold <see cref="NarrowRows"/>: 128 rows of 16 doubles are 16 KB.</summary>
    public const int NarrowColumns = 16;

    /// <summary>The fewest rows (a constant count) a loop needs to be blocked: 2 · call / saving, rounded up.</summary>
    public static readonly int MinimumRows = (int)Math.Ceiling(2 * RowCostRule.CallNanoseconds / RowCostRule.TranscendentalSavingNanoseconds) + 1;

    /// <summary>Whether a loop of <paramref name="count"/> rows (a constant, or read at run time) is blocked.</summary>
    public static bool Blocks(Expression count) => count is not ConstantExpression { Value: int rows } || rows >= MinimumRows;

    /// <summary>
    /// The rows per block of the loop over <paramref name="index"/>: <see cref="NarrowRows"/> when the columns its rows
    /// read are known and few, else <see cref="Rows"/>. A row's columns are the counts of the loops inside it (the Σ
    /// and argmax/argmin nodes of <paramref name="nodes"/> that depend on the row), each times the counts of the
    /// row's other loops it is nested in (a Σ over classes of a Σ over features reads classes × features); a count
    /// not constant, or a tensor or state loop that depends on the row, leaves the general size.
    /// </summary>
    public static int RowsFor(NodeGraph graph, ParameterExpression index, IEnumerable<Node> nodes)
    {
        long columns = 0;
        var found = false;
        foreach (var node in nodes)
        {
            if (!node.FreeIndices.Contains(index)) continue;
            if (node is TensorNode or StateLoopNode) return Rows;
            var loop = node switch
            {
                SumNode sum => sum.Count,
                ArgExtremumNode extremum => extremum.Count,
                _ => null,
            };
            if (loop is null) continue;
            long read = 1;
            foreach (var count in node.FreeIndices.Where(v => v != index).Select(v => graph.IsIndex(v) ? graph.CountOf(v) : null).Prepend(loop))
            {
                if (count is null || Runtime.LinqRuntime.Dimension(count) is not ConstantExpression { Value: int n }) return Rows;
                read *= n;
            }
            (columns, found) = (columns + read, true);
            if (columns > NarrowColumns) return Rows;
        }
        return found ? NarrowRows : Rows;
    }
}
