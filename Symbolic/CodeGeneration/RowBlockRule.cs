using System.Linq.Expressions;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Whether a loop over rows is worth blocking, and how many rows a block holds (see
/// <see cref="RowBlocking"/>): a block pays one vectorised call per exp-like map and a few loop headers, and
/// saves <see cref="RowCostRule.TranscendentalSavingNanoseconds"/> per row and map (the measured constants of
/// <see cref="RowCostRule"/>: a call costs about <see cref="RowCostRule.CallNanoseconds"/>).
/// </summary>
/// <remarks>
/// <para>Rows per block: the calls must cost at most a tenth of what the block saves, so
/// B ≥ 10 · call / saving ≈ 22 rows, rounded up to a power of two; and the block's buffers (a few doubles per
/// row and per value that crosses a map) must stay in the L1 cache with the block's rows, which keeps B at or
/// below 128. Measured on the logistic regression gradient (d = 10, 100,000 rows, AMD EPYC, shared machine,
/// BenchmarkDotNet short runs): see docs/batch-vectorisation.md; <see cref="Rows"/> is the fastest there.</para>
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
    /// <summary>The rows of one block.</summary>
    public const int Rows = 64;

    /// <summary>The fewest rows (a constant count) a loop needs to be blocked: 2 · call / saving, rounded up.</summary>
    public static readonly int MinimumRows = (int)Math.Ceiling(2 * RowCostRule.CallNanoseconds / RowCostRule.TranscendentalSavingNanoseconds) + 1;

    /// <summary>Whether a loop of <paramref name="count"/> rows (a constant, or read at run time) is blocked.</summary>
    public static bool Blocks(Expression count) => count is not ConstantExpression { Value: int rows } || rows >= MinimumRows;
}
