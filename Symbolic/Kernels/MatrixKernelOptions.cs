namespace Symbolic.Kernels;

/// <summary>Which inner kernel <see cref="MatrixKernel.Multiply(int, int, int, double[], int, int, int, double[], int, int, int, double[], int, int, int, bool, MatrixKernelOptions)"/> uses.</summary>
internal enum MatrixKernelChoice
{
    /// <summary><see cref="Narrow"/> when one side of C has at most 16 entries, else <see cref="Vector512"/> where the hardware accelerates it, else <see cref="Vector256"/>.</summary>
    Auto,

    /// <summary>The packed product with a 4×8 tile of <see cref="System.Runtime.Intrinsics.Vector256{T}"/> accumulators.</summary>
    Vector256,

    /// <summary>The packed product with a 12×16 tile of <see cref="System.Runtime.Intrinsics.Vector512{T}"/> accumulators.</summary>
    Vector512,

    /// <summary>A reads A in place (no packing) and B in panels of 16 columns: for outputs with few columns.</summary>
    Narrow,
}

/// <summary>How a matrix product runs: at most how many threads, and which kernel (tests force each one).</summary>
/// <param name="MaxThreads">Threads that may share one product (the caller counts as one); 1 keeps it on the calling thread.</param>
/// <param name="Kernel">The inner kernel; <see cref="MatrixKernelChoice.Auto"/> picks by shape and hardware.</param>
internal sealed record MatrixKernelOptions(int MaxThreads, MatrixKernelChoice Kernel = MatrixKernelChoice.Auto)
{
    /// <summary>
    /// Above this many doubles (16 MB by default) a thread packs the operand its chunks share once per chunk and
    /// depth block rather than once for the product (tests lower it to exercise that path).
    /// </summary>
    public long PackOnceLimit { get; init; } = 1 << 21;

    private static MatrixKernelOptions _default = new(ThreadsFromEnvironment() ?? Environment.ProcessorCount);

    /// <summary>
    /// Every core — or as many threads as the environment variable <c>SYMBOLIC_NUM_THREADS</c> says (as
    /// OMP_NUM_THREADS does for BLAS libraries), or <see cref="MatrixKernelSettings.MaxThreads"/> was last set
    /// to — the kernel picked by shape and hardware.
    /// </summary>
    public static MatrixKernelOptions Default => Volatile.Read(ref _default);

    /// <summary>Replaces the default options with ones capped at <paramref name="maxThreads"/> threads (validated by the caller).</summary>
    internal static void SetDefaultThreads(int maxThreads) => Volatile.Write(ref _default, new MatrixKernelOptions(maxThreads));

    /// <summary>The name of the environment variable that caps the threads of a product.</summary>
    public const string ThreadsVariable = "SYMBOLIC_NUM_THREADS";

    private static int? ThreadsFromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable(ThreadsVariable), out var threads) && threads > 0 ? threads : null;

    /// <summary>The calling thread only, the kernel picked by shape and hardware.</summary>
    public static MatrixKernelOptions SingleThreaded { get; } = new(1);
}
