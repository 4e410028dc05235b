namespace Symbolic.Orleans;

/// <summary>
/// Loads one partition of a model's rows held in two parallel arrays (inputs and targets) on the silo
/// that hosts it. It is called when the partition is activated (again after its silo died), so it must
/// return the same rows every time for training to be reproducible.
/// </summary>
/// <typeparam name="T1">The type of an input row.</typeparam>
/// <typeparam name="T2">The type of a target.</typeparam>
/// <param name="partition">The partition's index, from 0 to <paramref name="partitionCount"/> − 1.</param>
/// <param name="partitionCount">The number of partitions the client splits the data into.</param>
/// <param name="cancellationToken">Cancels the load.</param>
/// <returns>The inputs and targets of the partition, one target per input.</returns>
public delegate ValueTask<(T1[] Inputs, T2[] Targets)> PartitionLoader<T1, T2>(int partition, int partitionCount, CancellationToken cancellationToken);
