using Symbolic.Runtime;

namespace Symbolic.Tests.Kernels;

/// <summary>
/// The per-block dot products and scatters of blocked row loops (<see cref="RowBlocks"/>) against a scalar
/// double loop over the same rows: flat rows at an offset and a stride wider than the row, a 2-D array from
/// a row and a column, jagged rows of unequal lengths; widths around the SIMD widths (1, 2, 4, 8 and the
/// 32-column groups) and row counts around a block. The scatter adds each entry's terms in row order, so it
/// must give the loop's bits.
/// </summary>
public class RowBlocksTests
{
    public static TheoryData<int, int> Shapes()
    {
        var data = new TheoryData<int, int>();
        foreach (var rows in new[] { 0, 1, 3, 64, 65 })
            foreach (var width in new[] { 0, 1, 2, 3, 5, 8, 10, 15, 20, 31, 32, 33, 47, 100 })
                data.Add(rows, width);
        return data;
    }

    /// <summary>The same rows in each layout: row r's column c is <c>values[1 + r, 2 + c]</c> (one row and two columns before the block, one column after).</summary>
    private sealed record Rows(double[,] Values, int Count, int Width)
    {
        public const int Row = 1, Column = 2;

        public int Columns => Values.GetLength(1);

        public double this[int r, int c] => Values[Row + r, Column + c];

        public static Rows Random(int rows, int width, int seed)
        {
            var random = new Random(seed);
            var values = new double[rows + 2, width + 3];
            for (var r = 0; r < values.GetLength(0); r++)
                for (var c = 0; c < values.GetLength(1); c++) values[r, c] = 2 * random.NextDouble() - 1;
            return new Rows(values, rows, width);
        }

        public double[] Flat => Values.Cast<double>().ToArray();

        // Ragged: each row keeps a different number of the trailing entries (all it needs, and 0 to 2 more).
        public double[][] Jagged => [.. Enumerable.Range(0, Values.GetLength(0)).Select(r =>
            Enumerable.Range(0, Math.Min(Columns, Column + Width + r % 3)).Select(c => Values[r, c]).ToArray())];
    }

    private static double[] Vector(int length, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => 2 * random.NextDouble() - 1)];
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_block_of_dot_products_matches_the_scalar_loop_in_every_layout(int count, int width)
    {
        var rows = Rows.Random(count, width, seed: 31 * count + width);
        var w = Vector(width + 4, seed: width);
        const int wOffset = 3, zOffset = 5;
        var expected = new double[count];
        var magnitude = new double[count];
        for (var r = 0; r < count; r++)
            for (var j = 0; j < width; j++)
            {
                expected[r] += w[wOffset + j] * rows[r, j];
                magnitude[r] += Math.Abs(w[wOffset + j] * rows[r, j]);
            }
        var flat = rows.Flat;
        var (z1, z2, z3) = (new double[zOffset + count], new double[zOffset + count], new double[zOffset + count]);

        RowBlocks.Dot(flat, Rows.Row * rows.Columns + Rows.Column, rows.Columns, width, w, wOffset, z1, zOffset, count);
        RowBlocks.Dot(rows.Values, Rows.Row, Rows.Column, width, w, wOffset, z2, zOffset, count);
        RowBlocks.Dot(rows.Jagged, Rows.Row, Rows.Column, width, w, wOffset, z3, zOffset, count);

        foreach (var z in new[] { z1, z2, z3 })
        {
            Assert.All(z.Take(zOffset), v => Assert.Equal(0.0, v));
            // The SIMD sum groups the terms differently: within width·ε·Σ|terms|.
            for (var r = 0; r < count; r++) Assert.InRange(Math.Abs(z[zOffset + r] - expected[r]), 0, (width + 1) * 1.2e-16 * magnitude[r]);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_block_scatter_gives_the_bits_of_the_row_by_row_loop_in_every_layout(int count, int width)
    {
        var rows = Rows.Random(count, width, seed: 17 * count + width);
        var c = Vector(count + 2, seed: count);
        var start = Vector(width + 6, seed: width + 1);
        const int cOffset = 2, gOffset = 4;
        var expected = (double[])start.Clone();
        for (var r = 0; r < count; r++)
            for (var j = 0; j < width; j++) expected[gOffset + j] += rows[r, j] * c[cOffset + r];
        var (g1, g2, g3) = ((double[])start.Clone(), (double[])start.Clone(), (double[])start.Clone());

        RowBlocks.AddScaled(rows.Flat, Rows.Row * rows.Columns + Rows.Column, rows.Columns, width, c, cOffset, g1, gOffset, count);
        RowBlocks.AddScaled(rows.Values, Rows.Row, Rows.Column, width, c, cOffset, g2, gOffset, count);
        RowBlocks.AddScaled(rows.Jagged, Rows.Row, Rows.Column, width, c, cOffset, g3, gOffset, count);

        foreach (var g in new[] { g1, g2, g3 })
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), g.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Flat_rows_may_run_backwards_with_a_negative_stride()
    {
        var x = Vector(40, seed: 3);
        var w = Vector(4, seed: 4);
        var z = new double[3];

        RowBlocks.Dot(x, offset: 30, stride: -10, width: 4, w, 0, z, 0, rows: 3);

        for (var r = 0; r < 3; r++)
            Assert.Equal(Enumerable.Range(0, 4).Sum(j => w[j] * x[30 - 10 * r + j]), z[r], 1e-15);
    }

    [Fact]
    public void A_jagged_row_shorter_than_the_columns_read_throws_naming_the_row()
    {
        var x = new[] { new double[10], new double[10], new double[9], new double[10] };

        var dot = Assert.Throws<ArgumentException>(() => RowBlocks.Dot(x, 0, 0, 10, new double[10], 0, new double[4], 0, 4));
        var scatter = Assert.Throws<ArgumentException>(() => RowBlocks.AddScaled(x, 0, 0, 10, new double[4], 0, new double[10], 0, 4));

        foreach (var e in new[] { dot, scatter }) Assert.Contains("Row 2 of the jagged data has 9 entries; the model reads 10", e.Message);
    }

    [Fact]
    public void A_missing_jagged_row_throws_naming_the_row()
    {
        var x = new[] { new double[3], null!, new double[3] };

        var e = Assert.Throws<ArgumentException>(() => RowBlocks.Dot(x, 0, 0, 3, new double[3], 0, new double[3], 0, 3));

        Assert.Contains("Row 1 of the jagged data is null", e.Message);
    }

    [Fact]
    public void Rows_past_the_end_of_flat_or_2D_data_throw_before_anything_is_written()
    {
        var g = new double[4];

        var flat = Assert.Throws<IndexOutOfRangeException>(() => RowBlocks.AddScaled(new double[15], 0, 4, 4, new double[4], 0, g, 0, 4));
        var matrix = Assert.Throws<IndexOutOfRangeException>(() => RowBlocks.AddScaled(new double[3, 4], 0, 1, 4, new double[4], 0, g, 0, 3));

        Assert.Contains("flat data of 15 entries", flat.Message);
        Assert.Contains("2-D data of 3 × 4", matrix.Message);
        Assert.All(g, v => Assert.Equal(0.0, v));
    }
}
