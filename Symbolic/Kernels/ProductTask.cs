namespace Symbolic.Kernels;

/// <summary>
/// One product, resolved (kernel chosen, C with unit column stride where possible) and cut along rows
/// (<see cref="SplitRows"/>) or columns into chunks of <see cref="ChunkTiles"/> whole tiles, which the
/// <see cref="Parts"/> threads sharing it claim one by one.
/// </summary>
/// <remarks>
/// Chunks follow the tile grid and never cut the inner dimension, so which thread computes an element never
/// changes how it is summed: any number of threads gives bit-identical results.
/// </remarks>
internal readonly record struct ProductTask(
    MatrixKernelChoice Kernel, int M, int N, int K, StridedMatrix A, StridedMatrix B, StridedMatrix C, bool Overwrite,
    bool SplitRows, int Parts, int ChunkTiles, long PackOnceLimit)
{
    /// <summary>Rows (or columns) per tile in the direction the product is split.</summary>
    public int Unit => (Kernel, SplitRows) switch
    {
        (MatrixKernelChoice.Narrow, _) => NarrowProduct.Rows,
        (MatrixKernelChoice.Vector512, true) => MicroKernel512.Rows,
        (MatrixKernelChoice.Vector512, false) => MicroKernel512.Columns,
        (_, true) => MicroKernel256.Rows,
        (_, false) => MicroKernel256.Columns,
    };

    /// <summary>Tiles along the split side of C.</summary>
    public int Tiles => ((SplitRows ? M : N) + Unit - 1) / Unit;

    /// <summary>Rows (or columns) per chunk.</summary>
    public int ChunkLength => ChunkTiles * Unit;

    /// <summary>
    /// Takes the next chunk from the shared <paramref name="nextChunk"/>: rows (or columns)
    /// <paramref name="start"/> ≤ · &lt; <paramref name="end"/>; false when all are taken.
    /// </summary>
    public bool TryClaim(ref int nextChunk, out int start, out int end)
    {
        var length = SplitRows ? M : N;
        var chunk = Interlocked.Increment(ref nextChunk) - 1;
        start = (int)Math.Min(length, (long)chunk * ChunkLength);
        end = (int)Math.Min(length, (long)start + ChunkLength);
        return start < end;
    }

    /// <summary>Computes chunks claimed from <paramref name="nextChunk"/> until none are left.</summary>
    public void Execute(ref int nextChunk)
    {
        switch (Kernel)
        {
            case MatrixKernelChoice.Narrow:
                NarrowProduct.Run(this, ref nextChunk);
                break;
            case MatrixKernelChoice.Vector512:
                PackedProduct.Run<MicroKernel512>(this, ref nextChunk);
                break;
            default:
                PackedProduct.Run<MicroKernel256>(this, ref nextChunk);
                break;
        }
    }
}
