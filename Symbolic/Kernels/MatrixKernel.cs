using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Symbolic.Kernels;

/// <summary>
/// Managed, register-blocked dense linear algebra in double and single precision for the dense layers of generated
/// code: the matrix product C (+)= A·B (this file; floats in <c>MatrixKernel.Single.cs</c>), dot products and
/// matrix–vector products (<c>MatrixKernel.Vector.cs</c>).
/// </summary>
/// <remarks>
/// <para>Every operand is a strided view of an array, so transposes are read in place. Large products are
/// packed and tiled (<see cref="PackedProduct"/>; a 12×16 <see cref="Vector512{T}"/> tile where AVX-512 is
/// accelerated, else 4×8 <see cref="Vector256{T}"/>), products with at most 16 columns (or rows) of output use
/// <see cref="NarrowProduct"/> (with AVX-512), and products above <see cref="ParallelThreshold"/> multiply-adds are shared with
/// <see cref="KernelWorkerPool"/>; results are bit-identical for any number of threads.</para>
/// <para>Safe to call from several threads at once. The output must not overlap the inputs, nor itself
/// (aliasing is not supported and not detected).</para>
/// </remarks>
internal static partial class MatrixKernel
{
    /// <summary>Below this many multiply-adds (m·n·k) a product stays on the calling thread: waking a worker would cost more.</summary>
    public const long ParallelThreshold = 1 << 19;

    /// <summary>The most output columns (or rows) for which <see cref="MatrixKernelChoice.Auto"/> picks the narrow kernel.</summary>
    public const int NarrowLimit = NarrowProduct.Columns;

    /// <summary>
    /// C[i, j] = (accumulate ? C[i, j] : 0) + Σₚ A[i, p]·B[p, j] for i &lt; m, j &lt; n, p &lt; k, where
    /// A[i, p] = a[aOffset + i·aRow + p·aCol], B[p, j] = b[bOffset + p·bRow + j·bCol] and
    /// C[i, j] = c[cOffset + i·cRow + j·cCol]; on every core, the kernel picked by shape and hardware.
    /// </summary>
    public static void Multiply(int m, int n, int k,
        double[] a, int aOffset, int aRow, int aCol,
        double[] b, int bOffset, int bRow, int bCol,
        double[] c, int cOffset, int cRow, int cCol, bool accumulate) =>
        Multiply(m, n, k, a, aOffset, aRow, aCol, b, bOffset, bRow, bCol, c, cOffset, cRow, cCol, accumulate, MatrixKernelOptions.Default);

    /// <summary>The same product with the number of threads and the kernel given by <paramref name="options"/>.</summary>
    public static void Multiply(int m, int n, int k,
        double[] a, int aOffset, int aRow, int aCol,
        double[] b, int bOffset, int bRow, int bCol,
        double[] c, int cOffset, int cRow, int cCol, bool accumulate, MatrixKernelOptions options)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        Run(m, n, k, new StridedMatrix<double>(a, aOffset, aRow, aCol), new StridedMatrix<double>(b, bOffset, bRow, bCol), new StridedMatrix<double>(c, cOffset, cRow, cCol), accumulate, options);
    }

    /// <summary>The product on views of doubles or floats, checked here: the kernel picked, the work split, run.</summary>
    private static void Run<T>(int m, int n, int k, StridedMatrix<T> A, StridedMatrix<T> B, StridedMatrix<T> C, bool accumulate, MatrixKernelOptions options)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        C.CheckBounds(m, n, "c");
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) Clear(C, m, n);
            return;
        }
        A.CheckBounds(m, k, "a");
        B.CheckBounds(k, n, "b");

        // The kernels store rows of C with unit stride; C = A·B is also Cᵀ = Bᵀ·Aᵀ, which may have it.
        if (C.Column != 1 && C.Row == 1) (m, n, A, B, C) = (n, m, B.Transposed, A.Transposed, C.Transposed);
        if (options.Kernel == MatrixKernelChoice.Auto && SmallProduct.Applies(m, n, k, C))
        {
            SmallProduct.Run(m, n, k, Unsafe.As<StridedMatrix<T>, StridedMatrix<double>>(ref A), Unsafe.As<StridedMatrix<T>, StridedMatrix<double>>(ref B),
                Unsafe.As<StridedMatrix<T>, StridedMatrix<double>>(ref C), accumulate);
            return;
        }
        var kernel = options.Kernel;
        if (kernel == MatrixKernelChoice.Auto)
        {
            if (!Vector512.IsHardwareAccelerated) kernel = MatrixKernelChoice.Vector256;
            else if (n <= NarrowLimit) kernel = MatrixKernelChoice.Narrow;
            else if (m <= NarrowLimit)
            {
                (m, n, A, B, C) = (n, m, B.Transposed, A.Transposed, C.Transposed);
                kernel = MatrixKernelChoice.Narrow;
            }
            else kernel = MatrixKernelChoice.Vector512;
        }

        var task = Split(new ProductTask<T>(kernel, m, n, k, A, B, C, Overwrite: !accumulate, SplitRows: true, Parts: 1, ChunkTiles: 1, options.PackOnceLimit), options.MaxThreads);
        if (task.Parts > 1 && KernelWorkerPool.TryRun(task)) return;
        var nextChunk = 0;
        (task with { Parts = 1, ChunkTiles = task.Tiles }).Execute(ref nextChunk);
    }

    /// <summary>
    /// How many threads share the product, along which side of C, and in chunks of how many tiles: about three
    /// chunks per thread (rounded down, so a few tiles make a chunk each), so a thread that gets less CPU takes fewer.
    /// </summary>
    /// <remarks>
    /// Alone, the caller splits along the side with more tiles (rows unless C has more tiles across). Shared, the
    /// side is the one whose busiest thread has less to do (<see cref="ThreadCost{T}"/>): every thread packs the whole
    /// operand the other side needs, so an MLP layer's X·W1ᵀ (64×128, k = 784) in float, six 12-row tiles against
    /// four 32-column ones, is split across, each thread packing X (64×784) rather than W1 (128×784).
    /// </remarks>
    private static ProductTask<T> Split<T>(ProductTask<T> task, int maxThreads) where T : unmanaged, INumberBase<T>
    {
        var threads = Math.Min(maxThreads, KernelWorkerPool.MaxParallelism);
        var shared = threads > 1 && (long)task.M * task.N * task.K >= ParallelThreshold;
        if (task.Kernel != MatrixKernelChoice.Narrow)
        {
            var across = task with { SplitRows = false };
            if (shared ? ThreadCost(across, threads) < ThreadCost(task, threads) : across.Tiles > task.Tiles) task = across;
        }
        var parts = Math.Min(threads, task.Tiles);
        if (!shared || parts <= 1) return task with { Parts = 1, ChunkTiles = task.Tiles };
        return task with { Parts = parts, ChunkTiles = Math.Max(1, task.Tiles / (3 * parts)) };
    }

    /// <summary>Packing an element costs about as much as this many multiply-adds (a transposed operand, measured in float and double).</summary>
    private const long PackCost = 16;

    /// <summary>
    /// The work of the busiest of <paramref name="threads"/> threads, in multiply-adds: its share of the tiles, the
    /// packing of those tiles' operand, and the packing of the operand every chunk needs whole.
    /// </summary>
    private static long ThreadCost<T>(ProductTask<T> task, int threads) where T : unmanaged, INumberBase<T>
    {
        long share = (task.Tiles + threads - 1) / threads * task.Unit, across = task.SplitRows ? task.N : task.M;
        return share * across * task.K + PackCost * (across + share) * task.K;
    }

    private static void Clear<T>(StridedMatrix<T> c, int m, int n) where T : unmanaged
    {
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++) c.At(i, j) = default;
    }
}
