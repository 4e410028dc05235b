namespace Symbolic.Kernels;

/// <summary>
/// One product, resolved (kernel chosen, C with unit column stride where possible) and cut into
/// <see cref="Parts"/> ranges of whole tiles of C, one per thread; <see cref="Execute"/> runs one range.
/// </summary>
/// <remarks>
/// Ranges follow the tile grid, so which thread computes an element never changes how it is summed:
/// any number of parts gives bit-identical results.
/// </remarks>
internal readonly record struct ProductTask(
    MatrixKernelChoice Kernel, int M, int N, int K, StridedMatrix A, StridedMatrix B, StridedMatrix C, bool Overwrite,
    bool SplitRows, int Parts)
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

    /// <summary>Computes part <paramref name="part"/> of <see cref="Parts"/>.</summary>
    public void Execute(int part)
    {
        var length = SplitRows ? M : N;
        var tiles = (length + Unit - 1) / Unit;
        var start = Math.Min(length, (int)((long)tiles * part / Parts) * Unit);
        var end = Math.Min(length, (int)((long)tiles * (part + 1) / Parts) * Unit);
        if (start >= end) return;
        var (i0, i1, j0, j1) = SplitRows ? (start, end, 0, N) : (0, M, start, end);
        switch (Kernel)
        {
            case MatrixKernelChoice.Narrow:
                NarrowProduct.Run(i0, i1, N, K, A, B, C, Overwrite);
                break;
            case MatrixKernelChoice.Vector512:
                PackedProduct.Run<MicroKernel512>(i0, i1, j0, j1, K, A, B, C, Overwrite);
                break;
            default:
                PackedProduct.Run<MicroKernel256>(i0, i1, j0, j1, K, A, B, C, Overwrite);
                break;
        }
    }
}
