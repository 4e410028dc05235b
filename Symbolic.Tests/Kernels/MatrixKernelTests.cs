using Symbolic.Kernels;

namespace Symbolic.Tests.Kernels;

/// <summary>
/// The matrix product against a naive triple loop: ragged shapes around the tile and block sizes, every transpose
/// of A, B and C, offsets, accumulation, every kernel, one and two threads (which must agree to the bit).
/// </summary>
public class MatrixKernelTests
{
    private static readonly MatrixKernelChoice[] Kernels = [MatrixKernelChoice.Auto, MatrixKernelChoice.Vector256, MatrixKernelChoice.Vector512, MatrixKernelChoice.Narrow];

    /// <summary>Shapes around the tile sizes (4, 8, 12, 16, 6), short last row panels and block sizes (depth 192/256, rows 96/192), plus seeded random ones.</summary>
    public static TheoryData<int, int, int> Shapes()
    {
        var shapes = new TheoryData<int, int, int>
        {
            { 0, 3, 4 }, { 3, 0, 4 }, { 3, 4, 0 }, { 1, 1, 1 }, { 1, 17, 1 }, { 12, 16, 1 }, { 11, 15, 2 }, { 13, 17, 3 },
            { 4, 8, 191 }, { 5, 9, 192 }, { 3, 10, 193 }, { 2, 7, 255 }, { 6, 16, 256 }, { 7, 17, 257 },
            { 95, 5, 3 }, { 97, 9, 4 }, { 191, 17, 3 }, { 193, 16, 2 }, { 24, 48, 13 }, { 37, 29, 31 },
            // Last row panels of 4 and 8 rows (the short 4×16 and 8×16 tiles), full and ragged columns, and 5 rows.
            { 64, 32, 20 }, { 20, 48, 9 }, { 28, 33, 10 }, { 17, 16, 5 }, { 32, 40, 200 },
            // Rows contiguous along the inner dimension: 8×8 and 4×4 register transposes with steps left over.
            { 16, 24, 19 }, { 12, 20, 36 },
        };
        var random = new Random(20240601);
        for (var count = 0; count < 12; count++) shapes.Add(random.Next(0, 71), random.Next(0, 71), random.Next(0, 71));
        return shapes;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_layout_and_kernel_matches_the_naive_product(int m, int n, int k)
    {
        var random = new Random(m * 10_000 + n * 100 + k);
        foreach (var transposeA in new[] { false, true })
            foreach (var transposeB in new[] { false, true })
            {
                var a = Operand(random, m, k, transposeA, offset: 3);
                var b = Operand(random, k, n, transposeB, offset: 5);
                var product = Naive(m, n, k, a, b);
                foreach (var layout in new[] { Layout.RowMajor, Layout.Transposed, Layout.Strided })
                    foreach (var kernel in Kernels)
                        foreach (var accumulate in new[] { false, true })
                        {
                            var c = Output(random, m, n, layout);
                            var before = (double[])c.Data.Clone();
                            Multiply(m, n, k, a, b, c, accumulate, new MatrixKernelOptions(1, kernel));
                            AssertProduct(before, c, product, m, n, k, accumulate, $"m={m} n={n} k={k} Aᵀ={transposeA} Bᵀ={transposeB} C {layout} {kernel} accumulate={accumulate}");
                        }
            }
    }

    /// <summary>
    /// Shapes above the parallel threshold: split by rows, by columns, narrow, a transposed C, and the two large
    /// products of the 784-128-10 MLP at batch 64 (X·W1ᵀ and the W1 gradient), whose split side weighs packing.
    /// </summary>
    public static TheoryData<int, int, int, bool> SplitShapes => new()
    {
        { 97, 83, 70, false }, { 64, 128, 70, false }, { 20, 301, 100, false }, { 301, 10, 200, false }, { 12, 250, 190, true }, { 130, 70, 65, true },
        { 64, 128, 784, false }, { 128, 784, 64, false },
    };

    [Theory]
    [MemberData(nameof(SplitShapes))]
    public void Two_threads_give_the_bits_of_one(int m, int n, int k, bool transposedC)
    {
        Assert.True((long)m * n * k >= MatrixKernel.ParallelThreshold);
        var random = new Random(m + n + k);
        var a = Operand(random, m, k, transposed: false, offset: 1);
        var b = Operand(random, k, n, transposed: true, offset: 2);
        var product = Naive(m, n, k, a, b);
        foreach (var kernel in Kernels)
            foreach (var accumulate in new[] { false, true })
            {
                var c = Output(random, m, n, transposedC ? Layout.Transposed : Layout.RowMajor);
                var before = (double[])c.Data.Clone();
                var c1 = c with { Data = (double[])before.Clone() };
                Multiply(m, n, k, a, b, c1, accumulate, new MatrixKernelOptions(1, kernel));
                Multiply(m, n, k, a, b, c, accumulate, new MatrixKernelOptions(2, kernel));
                AssertProduct(before, c, product, m, n, k, accumulate, $"m={m} n={n} k={k} {kernel} two threads");
                Assert.Equal(c1.Data, c.Data); // bit for bit

                // The same with the shared operand packed per chunk rather than once per thread.
                var c2 = c with { Data = (double[])before.Clone() };
                Multiply(m, n, k, a, b, c2, accumulate, new MatrixKernelOptions(2, kernel) { PackOnceLimit = 0 });
                Assert.Equal(c1.Data, c2.Data);
            }
    }

    [Fact]
    public async Task Concurrent_and_nested_products_are_correct()
    {
        const int m = 90, n = 70, k = 100;
        var random = new Random(9);
        var a = Operand(random, m, k, transposed: false, offset: 0);
        var b = Operand(random, k, n, transposed: false, offset: 0);
        var expected = new double[m * n];
        Multiply(m, n, k, a, b, new Matrix(expected, 0, n, 1), accumulate: false, MatrixKernelOptions.SingleThreaded);

        // Several callers at once, each in turn inside a parallel loop: whoever finds the pool busy runs alone.
        var outer = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            Parallel.For(0, 8, _ =>
            {
                var c = new double[m * n];
                Multiply(m, n, k, a, b, new Matrix(c, 0, n, 1), accumulate: false, new MatrixKernelOptions(2));
                Assert.Equal(expected, c);
            }))).ToArray();
        await Task.WhenAll(outer).WaitAsync(TimeSpan.FromSeconds(30)); // a deadlock fails with a TimeoutException
    }

    [Fact]
    public void Operands_outside_their_arrays_are_rejected()
    {
        var data = new double[12];
        Assert.Throws<ArgumentOutOfRangeException>(() => MatrixKernel.Multiply(3, 4, 4, data, 1, 4, 1, data, 0, 4, 1, new double[12], 0, 4, 1, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => MatrixKernel.Multiply(3, 4, 3, data, 0, 3, 1, data, 0, 4, 1, new double[12], 0, 5, 1, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => MatrixKernel.Dot(5, data, 0, 3, data, 0, 1));
    }

    [Fact]
    public void Dot_and_matrix_vector_products_match_naive_sums()
    {
        var random = new Random(3);
        foreach (var length in new[] { 0, 1, 3, 7, 8, 15, 16, 31, 32, 33, 70, 100 })
            foreach (var stride in new[] { 1, 2 })
            {
                var x = Values(random, 2 + length * stride);
                var y = Values(random, 1 + length * 3);
                var expected = 0.0;
                for (var i = 0; i < length; i++) expected += x[2 + i * stride] * y[1 + i * 3];
                Assert.Equal(expected, MatrixKernel.Dot(length, x, 2, stride, y, 1, 3), 1e-12);
                var contiguous = 0.0;
                for (var i = 0; i < length; i++) contiguous += x[2 + i] * y[1 + i];
                if (2 + length <= x.Length) Assert.Equal(contiguous, MatrixKernel.Dot(length, x, 2, 1, y, 1, 1), 1e-12);
            }

        foreach (var (m, n) in new[] { (0, 3), (3, 0), (1, 1), (5, 7), (17, 33), (40, 9) })
            foreach (var transposeA in new[] { false, true })
                foreach (var yStride in new[] { 1, 2 })
                    foreach (var accumulate in new[] { false, true })
                    {
                        var a = Operand(random, m, n, transposeA, offset: 1);
                        var x = Values(random, 1 + n * 2);
                        var y = Values(random, 2 + Math.Max(0, m - 1) * yStride + 1);
                        var before = (double[])y.Clone();
                        MatrixKernel.MultiplyVector(m, n, a.Data, a.Offset, a.Row, a.Column, x, 1, 2, y, 2, yStride, accumulate);
                        for (var i = 0; i < m; i++)
                        {
                            var sum = accumulate ? before[2 + i * yStride] : 0;
                            for (var j = 0; j < n; j++) sum += a.Data[a.Offset + i * a.Row + j * a.Column] * x[1 + j * 2];
                            Assert.Equal(sum, y[2 + i * yStride], 1e-12);
                        }
                    }
    }

    private enum Layout { RowMajor, Transposed, Strided }

    private sealed record Matrix(double[] Data, int Offset, int Row, int Column)
    {
        public double this[int i, int j] => Data[Offset + i * Row + j * Column];
    }

    private static void Multiply(int m, int n, int k, Matrix a, Matrix b, Matrix c, bool accumulate, MatrixKernelOptions options) =>
        MatrixKernel.Multiply(m, n, k, a.Data, a.Offset, a.Row, a.Column, b.Data, b.Offset, b.Row, b.Column, c.Data, c.Offset, c.Row, c.Column, accumulate, options);

    /// <summary>A rows × columns operand at an offset, stored row-major or transposed (columns × rows).</summary>
    private static Matrix Operand(Random random, int rows, int columns, bool transposed, int offset) =>
        transposed
            ? new Matrix(Values(random, offset + rows * columns), offset, 1, Math.Max(rows, 1))
            : new Matrix(Values(random, offset + rows * columns), offset, Math.Max(columns, 1), 1);

    /// <summary>C with random contents (to accumulate into) and slack around it that must stay untouched.</summary>
    private static Matrix Output(Random random, int m, int n, Layout layout) => layout switch
    {
        Layout.RowMajor => new Matrix(Values(random, 4 + m * (n + 2)), 2, n + 2, 1),
        Layout.Transposed => new Matrix(Values(random, 4 + n * (m + 1)), 2, 1, m + 1),
        _ => new Matrix(Values(random, 4 + m * n * 2), 2, 2 * n, 2), // neither stride 1
    };

    private static double[] Values(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => 2 * random.NextDouble() - 1)];

    private static double[] Naive(int m, int n, int k, Matrix a, Matrix b)
    {
        var c = new double[m * n];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var p = 0; p < k; p++) sum += a[i, p] * b[p, j];
                c[i * n + j] = sum;
            }
        return c;
    }

    /// <summary>Every element of C as expected, and every element of its array outside C unchanged.</summary>
    private static void AssertProduct(double[] before, Matrix c, double[] product, int m, int n, int k, bool accumulate, string what)
    {
        var inside = new bool[before.Length];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                var index = c.Offset + i * c.Row + j * c.Column;
                inside[index] = true;
                var expected = (accumulate ? before[index] : 0) + product[i * n + j];
                Assert.True(Math.Abs(expected - c.Data[index]) <= 1e-13 * Math.Max(1, k),
                    $"{what}: C[{i},{j}] is {c.Data[index]:R}, expected {expected:R}");
            }
        for (var index = 0; index < before.Length; index++)
            if (!inside[index]) Assert.True(before[index].Equals(c.Data[index]), $"{what}: element {index} outside C changed");
    }
}
