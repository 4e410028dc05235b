namespace Symbolic.Orleans;

/// <summary>
/// The contiguous split of rows that <c>BatchGradient</c> makes with <c>ChunkCount</c> chunks: sizes differ
/// by at most one, the larger first. A loader that returns <see cref="Rows"/> of its data for each
/// partition makes the cluster's gradient equal, bit for bit, to the batch gradient of all the data.
/// </summary>
public static class RowPartitioning
{
    /// <summary>The rows of partition <paramref name="partition"/> out of <paramref name="partitionCount"/>.</summary>
    /// <param name="rowCount">The number of rows of the whole data; at least <paramref name="partitionCount"/>.</param>
    /// <param name="partition">The partition's index, from 0 to <paramref name="partitionCount"/> − 1.</param>
    /// <param name="partitionCount">The number of partitions, at least 1.</param>
    /// <returns>The range of row indices of the partition.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static Range Rows(int rowCount, int partition, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowCount, partitionCount);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, partitionCount);
        var (size, extra) = (rowCount / partitionCount, rowCount % partitionCount);
        var start = partition * size + Math.Min(partition, extra);
        return start..(start + size + (partition < extra ? 1 : 0));
    }
}
