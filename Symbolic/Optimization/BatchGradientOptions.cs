namespace Symbolic.Optimization;

/// <summary>Options of <see cref="BatchGradient{TRow}"/> and <see cref="BatchGradient{T1, T2}"/>.</summary>
public sealed record BatchGradientOptions
{
    /// <summary>
    /// The number of chunks the rows are split into (contiguous, sizes differing by at most one; fewer
    /// if there are fewer rows). The result depends on the chunking only, never on the threads, so fix
    /// this number to get bit-identical results on machines with different numbers of cores.
    /// Default <see cref="Environment.ProcessorCount"/>.
    /// </summary>
    public int ChunkCount { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// The most threads working at once, the caller's included (1: everything on the caller's thread, no
    /// worker threads). Default <see cref="Environment.ProcessorCount"/>.
    /// </summary>
    public int MaxThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>Whether the per-chunk model is a sum or a mean over its rows. Default <see cref="BatchReduction.Sum"/>.</summary>
    public BatchReduction Reduction { get; init; } = BatchReduction.Sum;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ChunkCount, 1, nameof(ChunkCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxThreads, 1, nameof(MaxThreads));
        if (!Enum.IsDefined(Reduction)) throw new ArgumentOutOfRangeException(nameof(Reduction), Reduction, "Unknown reduction.");
    }
}
