using Symbolic.Kernels;
using Symbolic.Runtime;

namespace Symbolic.Tests.Dense;

/// <summary>The runtime calls of compiled dense code: products into buffers and into views of a gradient, against naive loops.</summary>
public class DenseRuntimeTests
{
    [Theory]
    [InlineData(5, 6, 7, false)]
    [InlineData(6, 5, 64, true)]
    [InlineData(32, 64, 20, false)]
    [InlineData(32, 64, 20, true)]
    [InlineData(1, 9, 3, true)]
    public void MultiplyAdd_accumulates_a_product_into_a_strided_view(int m, int n, int k, bool transposedTarget)
    {
        var random = new Random(m * 100 + n);
        double[] Random(int length) => [.. Enumerable.Range(0, length).Select(_ => random.NextDouble() - 0.5)];
        var (a, b) = (Random(m * k), Random(k * n));
        const int offset = 3;
        var c = Random(offset + m * n + 2);
        var expected = c.ToArray();
        var (row, column) = transposedTarget ? (1, m) : (n, 1);
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
                expected[offset + i * row + j * column] += Enumerable.Range(0, k).Sum(p => a[i * k + p] * b[p * n + j]);
        DenseRuntime.MultiplyAdd(c, offset, row, column, m, n, k, a, 0, k, 1, b, 0, n, 1);
        for (var i = 0; i < c.Length; i++) Assert.Equal(expected[i], c[i], 12);
    }

    [Fact]
    public void A_view_outside_its_array_is_an_index_error_before_the_kernel_runs() =>
        Assert.Throws<IndexOutOfRangeException>(() => DenseRuntime.Multiply(1, 2, 2, 2, new double[3], 0, 2, 1, new double[4], 0, 2, 1));
}
