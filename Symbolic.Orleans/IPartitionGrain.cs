namespace Symbolic.Orleans;

/// <summary>A data partition living on a silo; its key is a <see cref="PartitionKey"/>.</summary>
[Alias("Symbolic.Orleans.IPartitionGrain")]
internal interface IPartitionGrain : IGrainWithStringKey
{
    /// <summary>Loads the partition if it is not loaded yet; returns its number of rows.</summary>
    [Alias("Load")]
    Task<int> LoadAsync(CancellationToken cancellationToken);

    /// <summary>The partition's loss and its gradient at <paramref name="w"/> (the partition is loaded on first use).</summary>
    [Alias("Evaluate")]
    Task<PartitionResult> EvaluateAsync(double[] w, CancellationToken cancellationToken);
}
