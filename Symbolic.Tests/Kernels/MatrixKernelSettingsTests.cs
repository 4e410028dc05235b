using Symbolic.Kernels;
using Symbolic.Tests.Optimization;

namespace Symbolic.Tests.Kernels;

/// <summary>
/// <see cref="MatrixKernelSettings.MaxThreads"/>, the process-wide thread cap. In the non-parallel collection:
/// the setting is global and the test counts the products the worker pool shares.
/// </summary>
[Collection(nameof(AllocationMeasurements))]
public class MatrixKernelSettingsTests
{
    private static double[,] Random(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var matrix = new double[rows, columns];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++) matrix[i, j] = random.NextDouble() * 2 - 1;
        return matrix;
    }

    private static (double[,] Product, long Shared) MultiplyWith(int threads, double[,] a, double[,] b)
    {
        var before = KernelWorkerPool.SharedProducts;
        MatrixKernelSettings.MaxThreads = threads;
        var product = Linalg.MatMul(a, b);
        return (product, KernelWorkerPool.SharedProducts - before);
    }

    [Fact]
    public void Products_are_bit_identical_on_one_and_two_threads_and_the_setting_decides_whether_they_are_shared()
    {
        var initial = MatrixKernelSettings.MaxThreads;
        var (a, b) = (Random(160, 150, 1), Random(150, 170, 2));   // 4·10⁶ multiply-adds: above the parallel threshold
        try
        {
            var (one, sharedOnOne) = MultiplyWith(1, a, b);
            var (two, sharedOnTwo) = MultiplyWith(2, a, b);

            Assert.Equal(2, MatrixKernelSettings.MaxThreads);
            Assert.Equal(0, sharedOnOne);
            Assert.Equal(Environment.ProcessorCount >= 2 ? 1 : 0, sharedOnTwo);
            Assert.Equal(one.Cast<double>().Select(BitConverter.DoubleToInt64Bits), two.Cast<double>().Select(BitConverter.DoubleToInt64Bits));
            for (var i = 0; i < 160; i += 53)
                for (var j = 0; j < 170; j += 41)
                    Assert.Equal(Enumerable.Range(0, 150).Sum(p => a[i, p] * b[p, j]), one[i, j], 1e-12);
        }
        finally
        {
            MatrixKernelSettings.MaxThreads = initial;
        }
    }

    [Fact]
    public void A_thread_count_below_one_is_rejected_and_changes_nothing()
    {
        var initial = MatrixKernelSettings.MaxThreads;

        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => MatrixKernelSettings.MaxThreads = 0).ParamName);
        Assert.Equal(initial, MatrixKernelSettings.MaxThreads);
    }
}
