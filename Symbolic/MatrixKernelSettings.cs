using Symbolic.Kernels;

namespace Symbolic;

/// <summary>
/// The process-wide settings of the matrix kernels that run the dense layers of compiled models and
/// <see cref="Linalg"/>'s products.
/// </summary>
public static class MatrixKernelSettings
{
    /// <summary>The environment variable read once, at start-up, for the initial <see cref="MaxThreads"/>.</summary>
    public const string ThreadsVariable = MatrixKernelOptions.ThreadsVariable;

    /// <summary>
    /// The most threads one matrix product may use, the calling thread included (1 keeps products on the
    /// calling thread). Initially the number of cores, or the positive integer in the environment variable
    /// <see cref="ThreadsVariable"/>. Takes effect for the products that start after it is set; more threads
    /// than cores give no more than the cores. Results are the same, bit for bit, for any number of threads.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is less than 1.</exception>
    public static int MaxThreads
    {
        get => MatrixKernelOptions.Default.MaxThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            MatrixKernelOptions.SetDefaultThreads(value);
        }
    }
}
