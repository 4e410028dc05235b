using Symbolic.Optimization;

namespace Symbolic.Orleans;

/// <summary>Options of <see cref="ClusterGradient"/>.</summary>
public sealed record ClusterGradientOptions
{
    /// <summary>
    /// Whether the model is a sum or a mean over its rows, as in <see cref="BatchGradientOptions.Reduction"/>:
    /// the partitions are added, or weighted by their share of the rows. Default <see cref="BatchReduction.Sum"/>.
    /// </summary>
    public BatchReduction Reduction { get; init; } = BatchReduction.Sum;

    /// <summary>
    /// The longest one evaluation may take, retries and the first load of the partitions included; past it
    /// the evaluation throws <see cref="TimeoutException"/>. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>
    /// for none. Default 10 minutes.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The pause before a partition whose silo failed is asked again (the cluster needs a moment to declare
    /// the silo dead and reactivate its partitions elsewhere). Default 250 ms.
    /// </summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    internal void Validate()
    {
        if (!Enum.IsDefined(Reduction)) throw new ArgumentOutOfRangeException(nameof(Reduction), Reduction, "Unknown reduction.");
        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "The timeout must be positive (or infinite).");
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
    }
}
