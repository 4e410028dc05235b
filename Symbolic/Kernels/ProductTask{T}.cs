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
/// <para>The packed products run one micro-kernel body for both element types (<see cref="MicroKernel512{T}"/>,
/// <see cref="MicroKernel256{T}"/>); the narrow product has a kernel per type (<see cref="NarrowProduct"/>,
/// <see cref="NarrowProductSingle"/>), picked by <c>typeof(T)</c> tests, which are constants to the JIT.</para>
/// </remarks>
internal readonly record struct ProductTask<T>(
    MatrixKernelChoice Kernel, int M, int N, int K, StridedMatrix<T> A, StridedMatrix<T> B, StridedMatrix<T> C, bool Overwrite,
    bool SplitRows, int Parts, int ChunkTiles, long PackOnceLimit) where T : unmanaged, INumberBase<T>
{
    /// <summary>Rows (or columns) per tile in the direction the product is split.</summary>
    public int Unit => (Kernel, SplitRows) switch
    {
        (MatrixKernelChoice.Narrow, _) => typeof(T) == typeof(float) ? NarrowProductSingle.Rows : NarrowProduct.Rows,
        (MatrixKernelChoice.Vector512, true) => MicroKernel512<T>.Rows,
        (MatrixKernelChoice.Vector512, false) => MicroKernel512<T>.Columns,
        (_, true) => MicroKernel256<T>.Rows,
        (_, false) => MicroKernel256<T>.Columns,
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
            case MatrixKernelChoice.Narrow when typeof(T) == typeof(float):
                NarrowProductSingle.Run(Unsafe.As<ProductTask<T>, ProductTask<float>>(ref Unsafe.AsRef(in this)), ref nextChunk);
                break;
            case MatrixKernelChoice.Narrow:
                NarrowProduct.Run(Unsafe.As<ProductTask<T>, ProductTask<double>>(ref Unsafe.AsRef(in this)), ref nextChunk);
                break;
            case MatrixKernelChoice.Vector512:
                PackedProduct.Run<T, MicroKernel512<T>>(this, ref nextChunk);
                break;
            default:
                PackedProduct.Run<T, MicroKernel256<T>>(this, ref nextChunk);
                break;
        }
    }
}
