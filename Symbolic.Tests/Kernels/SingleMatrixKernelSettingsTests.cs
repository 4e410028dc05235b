using Symbolic.Kernels;
using Symbolic.Tests.Optimization;

namespace Symbolic.Tests.Kernels;

/// <summary>
/// <see cref="MatrixKernelSettings.MaxThreads"/> for float products: one and two threads give the same bits, and the
/// setting decides whether the worker pool shares the product. In the non-parallel collection: the setting is global.
/// </summary>
[Collection(nameof(AllocationMeasurements))]
public class SingleMatrixKernelSettingsTests
{
    private static float[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => 2 * random.NextSingle() - 1)];
    }

    private static (float[] Product, long Shared) MultiplyWith(int threads, float[] a, float[] b, int m, int n, int k)
    {
        var before = KernelWorkerPool.SharedProducts;
        MatrixKernelSettings.MaxThreads = threads;
        var c = new float[m * n];
        MatrixKernel.Multiply(m, n, k, a, 0, k, 1, b, 0, n, 1, c, 0, n, 1, accumulate: false);
        return (c, KernelWorkerPool.SharedProducts - before);
    }

    [Fact]
    public void Float_products_are_bit_identical_on_one_and_two_threads_and_the_setting_decides_whether_they_are_shared()
    {
        const int m = 160, n = 170, k = 150;   // 4·10⁶ multiply-adds: above the parallel threshold
        var initial = MatrixKernelSettings.MaxThreads;
        var (a, b) = (Values(m * k, 1), Values(k * n, 2));
        try
        {
            var (one, sharedOnOne) = MultiplyWith(1, a, b, m, n, k);
            var (two, sharedOnTwo) = MultiplyWith(2, a, b, m, n, k);

            Assert.Equal(0, sharedOnOne);
            Assert.Equal(Environment.ProcessorCount >= 2 ? 1 : 0, sharedOnTwo);
            Assert.Equal(one.Select(BitConverter.SingleToInt32Bits), two.Select(BitConverter.SingleToInt32Bits));
            var epsilon = float.BitIncrement(1f) - 1f;
            for (var i = 0; i < m; i += 53)
                for (var j = 0; j < n; j += 41)
                {
                    double exact = 0, size = 0;
                    for (var p = 0; p < k; p++)
                    {
                        exact += (double)a[i * k + p] * b[p * n + j];
                        size += Math.Abs((double)a[i * k + p] * b[p * n + j]);
                    }
                    Assert.InRange(one[i * n + j], exact - (k + 1) * epsilon * size, exact + (k + 1) * epsilon * size);
                }
        }
        finally
        {
            MatrixKernelSettings.MaxThreads = initial;
        }
    }
}
