using System.Numerics;
using System.Runtime.CompilerServices;

namespace Symbolic.Kernels;

/// <summary>
/// One product of doubles or floats, resolved (kernel chosen, C with unit column stride where possible) and cut along rows
/// (<see cref="SplitRows"/>) or columns into chunks of <see cref="ChunkTiles"/> whole tiles, which the
/// <see cref="Parts"/> threads sharing it claim one by one.
/// </summary>
/// <remarks>
/// Chunks follow the tile grid and never cut the inner dimension, so which thread computes an element never
/// changes how it is summed: any number of threads gives bit-identical results.
/// </remarks>
/// <para>The element type picks the kernels (doubles: <see cref="MicroKernel512"/>, floats: <see cref="MicroKernel512Single"/>
/// and their twins); the <c>typeof(T)</c> tests below are constants to the JIT, which keeps one branch per type.</para>
internal readonly record struct ProductTask<T>(
    MatrixKernelChoice Kernel, int M, int N, int K, StridedMatrix<T> A, StridedMatrix<T> B, StridedMatrix<T> C, bool Overwrite,
    bool SplitRows, int Parts, int ChunkTiles, long PackOnceLimit) where T : unmanaged, INumberBase<T>
{
    /// <summary>Rows (or columns) per tile in the direction the product is split.</summary>
    public int Unit => typeof(T) == typeof(float)
        ? (Kernel, SplitRows) switch
        {
            (MatrixKernelChoice.Narrow, _) => NarrowProductSingle.Rows,
            (MatrixKernelChoice.Vector512, true) => MicroKernel512Single.Rows,
            (MatrixKernelChoice.Vector512, false) => MicroKernel512Single.Columns,
            (_, true) => MicroKernel256Single.Rows,
            (_, false) => MicroKernel256Single.Columns,
        }
        : (Kernel, SplitRows) switch
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
        if (typeof(T) == typeof(float))
        {
            ref readonly var single = ref Unsafe.As<ProductTask<T>, ProductTask<float>>(ref Unsafe.AsRef(in this));
            switch (Kernel)
            {
                case MatrixKernelChoice.Narrow:
                    NarrowProductSingle.Run(single, ref nextChunk);
                    break;
                case MatrixKernelChoice.Vector512:
                    PackedProduct.Run<float, MicroKernel512Single>(single, ref nextChunk);
                    break;
                default:
                    PackedProduct.Run<float, MicroKernel256Single>(single, ref nextChunk);
                    break;
            }
            return;
        }
        ref readonly var task = ref Unsafe.As<ProductTask<T>, ProductTask<double>>(ref Unsafe.AsRef(in this));
        switch (Kernel)
        {
            case MatrixKernelChoice.Narrow:
                NarrowProduct.Run(task, ref nextChunk);
                break;
            case MatrixKernelChoice.Vector512:
                PackedProduct.Run<double, MicroKernel512>(task, ref nextChunk);
                break;
            default:
                PackedProduct.Run<double, MicroKernel256>(task, ref nextChunk);
                break;
        }
    }
}
