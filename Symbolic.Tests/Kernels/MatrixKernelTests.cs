using Symbolic.Kernels;

namespace Symbolic.Tests.Kernels;

/// <summary>The blocked matrix product against a naive triple loop: ragged shapes, every transpose combination, offsets, accumulation.</summary>
public class MatrixKernelTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 3, 5, 7 }, { 4, 8, 1 }, { 5, 9, 17 }, { 8, 16, 256 }, { 37, 29, 300 }, { 100, 17, 13 }, { 97, 41, 513 }, { 2, 130, 3 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_transpose_combination_matches_the_naive_product(int m, int n, int k)
    {
        var random = new Random(m * 10_000 + n * 100 + k);
        foreach (var transposeA in new[] { false, true })
            foreach (var transposeB in new[] { false, true })
            {
                // A is m×k, stored k×m when transposed; B is k×n, stored n×k when transposed.
                var a = Values(random, m * k);
                var b = Values(random, k * n);
                var (aRow, aCol) = transposeA ? (1, m) : (k, 1);
                var (bRow, bCol) = transposeB ? (1, k) : (n, 1);
                var expected = Naive(m, n, k, (i, p) => a[i * aRow + p * aCol], (p, j) => b[p * bRow + j * bCol]);
                foreach (var wide in Kernels)
                {
                    var c = new double[m * n];
                    MatrixKernel.Multiply(m, n, k, a, 0, aRow, aCol, b, 0, bRow, bCol, c, 0, n, accumulate: false, useVector512: wide);
                    AssertClose(expected, c, k, $"m={m} n={n} k={k} Aᵀ={transposeA} Bᵀ={transposeB} 512-bit={wide}");
                }
            }
    }

    [Fact]
    public void Accumulation_offsets_and_a_wider_output_stride_are_honoured()
    {
        var random = new Random(5);
        const int m = 7, n = 11, k = 19, ldc = 15, offset = 3;
        var a = Values(random, offset + m * k);
        var b = Values(random, offset + k * n);
        var c = Values(random, offset + m * ldc);
        var before = (double[])c.Clone();

        MatrixKernel.Multiply(m, n, k, a, offset, k, 1, b, offset, n, 1, c, offset, ldc, accumulate: true, useVector512: Kernels[^1]);

        var product = Naive(m, n, k, (i, p) => a[offset + i * k + p], (p, j) => b[offset + p * n + j]);
        for (var i = 0; i < m; i++)
            for (var j = 0; j < ldc; j++)
            {
                var index = offset + i * ldc + j;
                var expected = j < n ? before[index] + product[i * n + j] : before[index];
                Assert.True(Math.Abs(expected - c[index]) <= 1e-12 * k, $"C[{i},{j}] is {c[index]:R}, expected {expected:R}");
            }
        for (var index = 0; index < offset; index++) Assert.Equal(before[index], c[index]);
    }

    [Fact]
    public void An_empty_inner_dimension_gives_zeros_or_leaves_C_alone()
    {
        var c = new[] { 1.0, 2.0, 3.0, 4.0 };

        MatrixKernel.Multiply(2, 2, 0, [], 0, 0, 1, [], 0, 2, 1, c, 0, 2, accumulate: true);
        Assert.Equal([1.0, 2.0, 3.0, 4.0], c);

        MatrixKernel.Multiply(2, 2, 0, [], 0, 0, 1, [], 0, 2, 1, c, 0, 2, accumulate: false);
        Assert.Equal(new double[4], c);
    }

    // The 256-bit kernel always; the 512-bit one where the machine runs it.
    private static readonly bool[] Kernels = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? [false, true] : [false];

    private static double[] Values(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => 2 * random.NextDouble() - 1)];

    private static double[] Naive(int m, int n, int k, Func<int, int, double> a, Func<int, int, double> b)
    {
        var c = new double[m * n];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var p = 0; p < k; p++) sum += a(i, p) * b(p, j);
                c[i * n + j] = sum;
            }
        return c;
    }

    private static void AssertClose(double[] expected, double[] actual, int k, string what)
    {
        for (var index = 0; index < expected.Length; index++)
            Assert.True(Math.Abs(expected[index] - actual[index]) <= 1e-13 * Math.Max(1, k),
                $"{what}: entry {index} is {actual[index]:R}, the naive product {expected[index]:R}");
    }
}
