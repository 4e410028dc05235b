namespace Symbolic.Optimization;

/// <summary>Options of <see cref="MinibatchSgd"/>.</summary>
public sealed record MinibatchOptions
{
    /// <summary>The number of rows per minibatch (the last batch of an epoch holds the remainder). Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>The seed of the <see cref="Random"/> that shuffles the rows every epoch: the same seed gives the same run. Default 0.</summary>
    public int Seed { get; init; }

    internal void Validate() => ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
}
