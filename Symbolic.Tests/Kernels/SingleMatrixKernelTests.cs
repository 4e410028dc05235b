using Symbolic.Kernels;

namespace Symbolic.Tests.Kernels;

/// <summary>
/// The single-precision matrix product against a triple loop in double over the same float inputs: ragged shapes
/// around the float tiles (12×32, 4×16, 12×16 narrow, 8- and 4-row short tiles) and blocks (depth 192/256, rows
/// 384/96), every transpose of A, B and C, offsets, accumulation, every kernel, one and two threads (which must
/// agree to the bit). The tolerance is the classical bound of a float sum of k products: k·ε·Σₚ|A[i, p]·B[p, j]|.
/// </summary>
public class SingleMatrixKernelTests
{
    /// <summary>The float machine epsilon, 2⁻²³ (not <see cref="float.Epsilon"/>, the smallest subnormal).</summary>
    private static readonly double FloatEpsilon = float.BitIncrement(1f) - 1f;

    private static readonly MatrixKernelChoice[] Kernels = [MatrixKernelChoice.Auto, MatrixKernelChoice.Vector256, MatrixKernelChoice.Vector512, MatrixKernelChoice.Narrow];

    /// <summary>Shapes around the float tile and block sizes, plus seeded random ones in 0..70.</summary>
    public static TheoryData<int, int, int> Shapes()
    {
        var shapes = new TheoryData<int, int, int>
        {
            { 0, 3, 4 }, { 3, 0, 4 }, { 3, 4, 0 }, { 1, 1, 1 }, { 1, 33, 1 }, { 12, 32, 1 }, { 11, 31, 2 }, { 13, 33, 3 },
            { 4, 16, 191 }, { 5, 17, 192 }, { 3, 18, 193 }, { 2, 15, 255 }, { 12, 16, 256 }, { 7, 17, 257 },
            { 95, 5, 3 }, { 97, 9, 4 }, { 191, 17, 3 }, { 385, 40, 2 }, { 24, 96, 13 }, { 37, 29, 31 },
            // Last row panels of 4 and 8 rows (the short 4×32 and 8×32 tiles), full and ragged columns, and 5 rows.
            { 64, 64, 20 }, { 20, 96, 9 }, { 28, 65, 10 }, { 17, 32, 5 }, { 32, 70, 200 },
            // Narrow outputs of 1..16 columns with 12-row tiles and a remainder.
            { 70, 10, 33 }, { 25, 16, 7 }, { 13, 1, 50 },
        };
        var random = new Random(20261204);
        for (var count = 0; count < 12; count++) shapes.Add(random.Next(1, 71), random.Next(1, 71), random.Next(1, 71));
        return shapes;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_layout_and_kernel_matches_the_double_triple_loop(int m, int n, int k)
    {
        var random = new Random(m * 10_000 + n * 100 + k);
        foreach (var transposeA in new[] { false, true })
            foreach (var transposeB in new[] { false, true })
            {
                var a = Operand(random, m, k, transposeA, offset: 3);
                var b = Operand(random, k, n, transposeB, offset: 5);
                var (product, magnitude) = Naive(m, n, k, a, b);
                foreach (var layout in new[] { Layout.RowMajor, Layout.Transposed, Layout.Strided })
                    foreach (var kernel in Kernels)
                        foreach (var accumulate in new[] { false, true })
                        {
                            var c = Output(random, m, n, layout);
                            var before = (float[])c.Data.Clone();
                            Multiply(m, n, k, a, b, c, accumulate, new MatrixKernelOptions(1, kernel));
                            AssertProduct(before, c, product, magnitude, m, n, k, accumulate, $"m={m} n={n} k={k} Aᵀ={transposeA} Bᵀ={transposeB} C {layout} {kernel} accumulate={accumulate}");
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
        var (product, magnitude) = Naive(m, n, k, a, b);
        foreach (var kernel in Kernels)
            foreach (var accumulate in new[] { false, true })
            {
                var c = Output(random, m, n, transposedC ? Layout.Transposed : Layout.RowMajor);
                var before = (float[])c.Data.Clone();
                var c1 = c with { Data = (float[])before.Clone() };
                Multiply(m, n, k, a, b, c1, accumulate, new MatrixKernelOptions(1, kernel));
                Multiply(m, n, k, a, b, c, accumulate, new MatrixKernelOptions(2, kernel));
                AssertProduct(before, c, product, magnitude, m, n, k, accumulate, $"m={m} n={n} k={k} {kernel} two threads");
                Assert.Equal(c1.Data, c.Data); // bit for bit

                // The same with the shared operand packed per chunk rather than once per thread.
                var c2 = c with { Data = (float[])before.Clone() };
                Multiply(m, n, k, a, b, c2, accumulate, new MatrixKernelOptions(2, kernel) { PackOnceLimit = 0 });
                Assert.Equal(c1.Data, c2.Data);
            }
    }

    [Fact]
    public void Operands_outside_their_arrays_are_rejected_by_name()
    {
        var data = new float[12];
        Assert.Equal("a", Assert.Throws<ArgumentOutOfRangeException>(() => MatrixKernel.Multiply(3, 4, 4, data, 1, 4, 1, data, 0, 4, 1, new float[12], 0, 4, 1, false)).ParamName);
        Assert.Equal("c", Assert.Throws<ArgumentOutOfRangeException>(() => MatrixKernel.Multiply(3, 4, 3, data, 0, 3, 1, data, 0, 4, 1, new float[12], 0, 5, 1, false)).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentOutOfRangeException>(() => MatrixKernel.Dot(5, data, 0, 3, data, 0, 1)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentNullException>(() => MatrixKernel.Multiply(1, 1, 1, data, 0, 1, 1, null!, 0, 1, 1, data, 0, 1, 1, false)).ParamName);
    }

    [Fact]
    public void Dot_and_matrix_vector_products_match_double_sums()
    {
        var random = new Random(3);
        foreach (var length in new[] { 0, 1, 3, 7, 8, 15, 16, 31, 32, 33, 70, 100 })
            foreach (var stride in new[] { 1, 2 })
            {
                var x = Values(random, 2 + length * stride);
                var y = Values(random, 1 + length * 3);
                double expected = 0, magnitude = 0;
                for (var i = 0; i < length; i++)
                {
                    expected += (double)x[2 + i * stride] * y[1 + i * 3];
                    magnitude += Math.Abs((double)x[2 + i * stride] * y[1 + i * 3]);
                }
                Assert.InRange(MatrixKernel.Dot(length, x, 2, stride, y, 1, 3), expected - Bound(length, magnitude), expected + Bound(length, magnitude));
            }

        foreach (var (m, n) in new[] { (0, 3), (3, 0), (1, 1), (5, 7), (17, 33), (40, 9) })
            foreach (var transposeA in new[] { false, true })
                foreach (var yStride in new[] { 1, 2 })
                    foreach (var accumulate in new[] { false, true })
                    {
                        var a = Operand(random, m, n, transposeA, offset: 1);
                        var x = Values(random, 1 + n * 2);
                        var y = Values(random, 2 + Math.Max(0, m - 1) * yStride + 1);
                        var before = (float[])y.Clone();
                        MatrixKernel.MultiplyVector(m, n, a.Data, a.Offset, a.Row, a.Column, x, 1, 2, y, 2, yStride, accumulate);
                        for (var i = 0; i < m; i++)
                        {
                            double sum = accumulate ? before[2 + i * yStride] : 0, magnitude = Math.Abs(sum);
                            for (var j = 0; j < n; j++)
                            {
                                sum += (double)a.Data[a.Offset + i * a.Row + j * a.Column] * x[1 + j * 2];
                                magnitude += Math.Abs((double)a.Data[a.Offset + i * a.Row + j * a.Column] * x[1 + j * 2]);
                            }
                            Assert.InRange(y[2 + i * yStride], sum - Bound(n + 1, magnitude), sum + Bound(n + 1, magnitude));
                        }
                    }
    }

    private enum Layout { RowMajor, Transposed, Strided }

    private sealed record Matrix(float[] Data, int Offset, int Row, int Column)
    {
        public float this[int i, int j] => Data[Offset + i * Row + j * Column];
    }

    /// <summary>How far a float sum of <paramref name="terms"/> terms of total size <paramref name="magnitude"/> may be from the exact one.</summary>
    private static double Bound(int terms, double magnitude) => (terms + 1) * FloatEpsilon * magnitude + 1e-30;

    private static void Multiply(int m, int n, int k, Matrix a, Matrix b, Matrix c, bool accumulate, MatrixKernelOptions options) =>
        MatrixKernel.Multiply(m, n, k, a.Data, a.Offset, a.Row, a.Column, b.Data, b.Offset, b.Row, b.Column, c.Data, c.Offset, c.Row, c.Column, accumulate, options);

    private static Matrix Operand(Random random, int rows, int columns, bool transposed, int offset) =>
        transposed
            ? new Matrix(Values(random, offset + rows * columns), offset, 1, Math.Max(rows, 1))
            : new Matrix(Values(random, offset + rows * columns), offset, Math.Max(columns, 1), 1);

    private static Matrix Output(Random random, int m, int n, Layout layout) => layout switch
    {
        Layout.RowMajor => new Matrix(Values(random, 4 + m * (n + 2)), 2, n + 2, 1),
        Layout.Transposed => new Matrix(Values(random, 4 + n * (m + 1)), 2, 1, m + 1),
        _ => new Matrix(Values(random, 4 + m * n * 2), 2, 2 * n, 2), // neither stride 1
    };

    private static float[] Values(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => 2 * random.NextSingle() - 1)];

    /// <summary>The exact product of the float inputs (to double's precision) and Σₚ|A[i, p]·B[p, j]| for the error bound.</summary>
    private static (double[] Product, double[] Magnitude) Naive(int m, int n, int k, Matrix a, Matrix b)
    {
        var (c, size) = (new double[m * n], new double[m * n]);
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
                for (var p = 0; p < k; p++)
                {
                    var term = (double)a[i, p] * b[p, j];
                    c[i * n + j] += term;
                    size[i * n + j] += Math.Abs(term);
                }
        return (c, size);
    }

    /// <summary>Every element of C within the float bound, and every element of its array outside C unchanged.</summary>
    private static void AssertProduct(float[] before, Matrix c, double[] product, double[] magnitude, int m, int n, int k, bool accumulate, string what)
    {
        var inside = new bool[before.Length];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                var index = c.Offset + i * c.Row + j * c.Column;
                inside[index] = true;
                var start = accumulate ? before[index] : 0.0;
                var expected = start + product[i * n + j];
                var bound = Bound(k + 1, magnitude[i * n + j] + Math.Abs(start));
                Assert.True(Math.Abs(expected - c.Data[index]) <= bound, $"{what}: C[{i},{j}] is {c.Data[index]:R}, expected {expected:R} ± {bound:G3}");
            }
        for (var index = 0; index < before.Length; index++)
            if (!inside[index]) Assert.True(before[index].Equals(c.Data[index]), $"{what}: element {index} outside C changed");
    }
}
