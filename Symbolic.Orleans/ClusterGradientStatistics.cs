namespace Symbolic.Orleans;

/// <summary>What a <see cref="ClusterGradient"/> has spent so far, summed over its evaluations.</summary>
/// <param name="Evaluations">The completed evaluations.</param>
/// <param name="Elapsed">Their wall-clock time, from fan-out to the last reply summed.</param>
/// <param name="ComputeTime">
/// For each evaluation, the longest time a partition spent computing its gradient on its silo (loading
/// excluded), summed. <see cref="Elapsed"/> − <see cref="ComputeTime"/> is the time spent communicating,
/// scheduling, loading and waiting.
/// </param>
/// <param name="Retries">The partition calls that failed on a lost silo and were made again.</param>
public readonly record struct ClusterGradientStatistics(int Evaluations, TimeSpan Elapsed, TimeSpan ComputeTime, int Retries);
