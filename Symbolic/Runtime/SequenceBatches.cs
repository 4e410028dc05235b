namespace Symbolic.Runtime;

/// <summary>
/// The run-time test of a batch of sequences folded as one (the frontend pass <c>frontend.batch-folds</c>): the batched
/// fold runs when the first <c>count</c> sequences all have one length, the per-sequence folds otherwise. Generated code
/// calls these; they are public so that printed gradients (<c>ToCSharpGradient</c>) compile on their own.
/// </summary>
public static class SequenceBatches
{
    /// <summary>Whether the first <paramref name="count"/> sequences exist and have one length.</summary>
    /// <param name="sequences">The sequences of rows (a jagged <c>double[][][]</c>).</param>
    /// <param name="count">How many sequences the model folds.</param>
    /// <returns>True when the batched fold may run.</returns>
    public static bool HaveOneLength(double[][][] sequences, int count) => CommonLength(sequences, count) >= 0;

    /// <summary>Whether the first <paramref name="count"/> sequences exist and have one length.</summary>
    /// <param name="sequences">The sequences of numbers (a jagged <c>double[][]</c>).</param>
    /// <param name="count">How many sequences the model folds.</param>
    /// <returns>True when the batched fold may run.</returns>
    public static bool HaveOneLength(double[][] sequences, int count) => CommonLength(sequences, count) >= 0;

    /// <summary>The steps of the batched fold: the sequences' common length, or 0 when they differ (the per-sequence folds run then).</summary>
    /// <param name="sequences">The sequences of rows.</param>
    /// <param name="count">How many sequences the model folds.</param>
    /// <returns>The common length, or 0.</returns>
    public static int Steps(double[][][] sequences, int count) => Math.Max(CommonLength(sequences, count), 0);

    /// <summary>The steps of the batched fold: the sequences' common length, or 0 when they differ (the per-sequence folds run then).</summary>
    /// <param name="sequences">The sequences of numbers.</param>
    /// <param name="count">How many sequences the model folds.</param>
    /// <returns>The common length, or 0.</returns>
    public static int Steps(double[][] sequences, int count) => Math.Max(CommonLength(sequences, count), 0);

    // −1 when a sequence is missing or null, or the lengths differ: the per-sequence form then runs and fails (or not) as LINQ would.
    private static int CommonLength<T>(T[][]? sequences, int count)
    {
        if (sequences is null || count < 1 || sequences.Length < count || sequences[0] is null) return -1;
        var length = sequences[0].Length;
        for (var b = 1; b < count; b++)
            if (sequences[b] is null || sequences[b].Length != length) return -1;
        return length;
    }
}
