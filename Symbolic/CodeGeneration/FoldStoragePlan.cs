using System.Linq.Expressions;
using System.Text;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// How the buffers of folds and their backward sweeps are laid out (<see cref="FoldStorage"/>): the folds that keep
/// checkpoints (<see cref="FoldCheckpointLayout"/>; their positions in the IR are shifted by <see cref="CheckpointedFold.Shift"/>,
/// a local the emitter sets at every step) and the sweeps that keep two rows of adjoints (row t at (t mod 2)·W) and,
/// for a checkpointed fold, recompute its segments. What the plan-folds pass decides and the emitter reads; a fold or
/// sweep not listed stores every row.
/// </summary>
/// <param name="Folds">The checkpointed folds.</param>
/// <param name="Sweeps">The sweeps that keep two rows.</param>
internal sealed record FoldStoragePlan(IReadOnlyDictionary<FoldNode, CheckpointedFold> Folds, IReadOnlyDictionary<ReverseFoldNode, TwoRowSweep> Sweeps)
{
    /// <summary>Every fold and sweep stores every row.</summary>
    public static readonly FoldStoragePlan None = new(new Dictionary<FoldNode, CheckpointedFold>(), new Dictionary<ReverseFoldNode, TwoRowSweep>());

    /// <summary>One line per fold and sweep laid out otherwise than by storing every row; or <c>every row stored</c>.</summary>
    public string Dump()
    {
        if (Folds.Count + Sweeps.Count == 0) return "every row stored\n";
        var text = new StringBuilder();
        foreach (var (fold, layout) in Folds.OrderBy(f => f.Key.Id))
            text.Append($"fold {fold.Index.Name} < {Quote(fold.Count)} width {Quote(fold.Width)}: {layout.Checkpointing}, every k-th state kept, k = {Quote(layout.Layout.Interval)}\n");
        foreach (var (sweep, layout) in Sweeps.OrderBy(s => s.Key.Id))
            text.Append($"reverse-fold {sweep.Index.Name} < {Quote(sweep.Count)} width {Quote(sweep.Width)}: two rows, {Quote(sweep.AccumulatorSlots)} accumulators"
                + (layout.Recomputes is null ? "" : ", recomputes each segment") + "\n");
        return text.ToString();
    }

    private static string Quote(Expression e) => Diagnostics.ExpressionQuoter.Quote(Runtime.LinqRuntime.Dimension(e));
}
