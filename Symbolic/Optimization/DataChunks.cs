namespace Symbolic.Optimization;

/// <summary>Splits rows into contiguous chunks once, and weighs the chunks for a reduction.</summary>
internal static class DataChunks
{
    /// <summary>The number of chunks for <paramref name="rows"/> rows: at most one per row, at least one.</summary>
    public static int CountFor(int rows, int requested) => Math.Max(1, Math.Min(requested, rows));

    /// <summary>Contiguous chunks whose sizes differ by at most one, the larger first.</summary>
    public static T[][] Split<T>(T[] data, int chunks)
    {
        var result = new T[chunks][];
        var (size, extra, start) = (data.Length / chunks, data.Length % chunks, 0);
        for (var c = 0; c < chunks; c++)
        {
            var length = size + (c < extra ? 1 : 0);
            result[c] = data[start..(start + length)];
            start += length;
        }
        return result;
    }

    /// <summary>The weight of each chunk: 1 for a sum, its share of the rows for a mean.</summary>
    public static double[] Weights(int[] sizes, int rows, BatchReduction reduction) =>
        [.. sizes.Select(size => reduction == BatchReduction.Sum ? 1.0 : (double)size / rows)];
}
