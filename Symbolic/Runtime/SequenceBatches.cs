namespace Symbolic.Runtime;

/// <summary>
/// The run-time test of a batch of sequences folded as one (the frontend pass <c>frontend.batch-folds</c>): the batched
/// fold runs when the first <c>count</c> sequences all have one length, the per-sequence folds otherwise. Generated code
/// calls these; they are public so that printed gradients (<c>ToCSharpGradient</c>) compile on their own.
/// </summary>
public static class SequenceBatches
{
    /// <summary>The method <see cref="CopyRows"/>, for generated code.</summary>
    internal static readonly System.Reflection.MethodInfo CopyRowsMethod = typeof(SequenceBatches).GetMethod(nameof(CopyRows))!;

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

    /// <summary>
    /// Row b of a B × <paramref name="width"/> block at <paramref name="at"/> in <paramref name="into"/> is entries
    /// <paramref name="offset"/> … of <c>sequences[b][step]</c>, for b &lt; <paramref name="count"/>: a batched step's inputs gathered
    /// once per step, so that U·x_t over the batch is one product (the rows are different arrays).
    /// </summary>
    /// <param name="sequences">The sequences of rows.</param>
    /// <param name="step">The step t.</param>
    /// <param name="count">How many sequences (B).</param>
    /// <param name="offset">The first entry of each row read.</param>
    /// <param name="width">The entries read per row.</param>
    /// <param name="into">The block's array.</param>
    /// <param name="at">Where the block starts.</param>
    /// <exception cref="IndexOutOfRangeException">A row is shorter than the step reads (as reading it entry by entry would throw).</exception>
    public static void CopyRows(double[][][] sequences, int step, int count, int offset, int width, double[] into, int at)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(into);
        for (var b = 0; b < count; b++)
        {
            var row = sequences[b][step] ?? throw new ArgumentException($"sequences[{b}][{step}] is null.", nameof(sequences));
            if (offset < 0 || width < 0 || row.Length - width < offset)
                throw new IndexOutOfRangeException($"sequences[{b}][{step}] has {row.Length} entries; the step reads entries {offset} … {offset + width - 1}.");
            Array.Copy(row, offset, into, at + b * width, width);
        }
    }

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
