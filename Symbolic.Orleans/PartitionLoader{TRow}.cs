namespace Symbolic.Orleans;

/// <summary>
/// Loads one partition of a model's rows on the silo that hosts it: from a file, a generator or a
/// database query. It is called when the partition is activated (again after its silo died), so it must
/// return the same rows every time for training to be reproducible.
/// </summary>
/// <typeparam name="TRow">The type of a row.</typeparam>
/// <param name="partition">The partition's index, from 0 to <paramref name="partitionCount"/> − 1.</param>
/// <param name="partitionCount">The number of partitions the client splits the data into.</param>
/// <param name="cancellationToken">Cancels the load.</param>
/// <returns>The rows of the partition.</returns>
public delegate ValueTask<TRow[]> PartitionLoader<TRow>(int partition, int partitionCount, CancellationToken cancellationToken);
