using Symbolic.Runtime;

namespace Symbolic.Tests.Dense;

/// <summary>
/// The float tanh row map (a float MLP's hidden layer): relative accuracy against <see cref="Math.Tanh"/> in double
/// over a sweep of float bit patterns, the signs and special values, and the same bits wherever a value sits in a row.
/// </summary>
public class SingleTanhTests
{
    private const int Tanh = 5;

    /// <summary>Float ulps between <paramref name="actual"/> and the exact <paramref name="exact"/>, in units of the ulp at the exact value.</summary>
    private static double Ulps(float actual, double exact)
    {
        var rounded = MathF.Abs((float)exact);
        var ulp = Math.Max(float.BitIncrement(rounded) - rounded, float.Epsilon);
        return Math.Abs(actual - exact) / ulp;
    }

    [Fact]
    public void A_float_tanh_row_is_within_two_ulps_of_the_exact_tanh_relative_also_near_zero()
    {
        // Every 2053rd bit pattern from the smallest subnormal to 20 (tanh is 1 in float beyond 9), both signs,
        // in rows of 1,000 read from offset 3 into offset 1: whole vectors and a tail of 8.
        const int length = 1000;
        var (row, result) = (new float[length + 3], new float[length + 1]);
        var worst = (Ulps: 0.0, X: 0f);
        var bits = 1u;
        while (bits < BitConverter.SingleToUInt32Bits(20f))
        {
            for (var i = 0; i < length; i++, bits += 2053) row[3 + i] = BitConverter.UInt32BitsToSingle(bits) * (i % 2 == 0 ? 1 : -1);
            RowMaps.Unary(Tanh, row, 3, result, 1, length);
            for (var i = 0; i < length; i++)
            {
                var ulps = Ulps(result[1 + i], Math.Tanh(row[3 + i]));
                if (ulps > worst.Ulps) worst = (ulps, row[3 + i]);
            }
        }
        Assert.True(worst.Ulps <= 2, $"tanh({worst.X:R}) is {worst.Ulps:F2} ulps from the exact value.");
    }

    [Fact]
    public void A_float_tanh_row_keeps_the_sign_of_zero_saturates_at_infinity_and_propagates_NaN()
    {
        float[] x = [0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 1e-45f, -1e-45f, 1e-30f, 44f, -89f, 0.625f, -0.625f, 9f, -9f, 1e4f, -1e4f, 3f];
        var result = new float[x.Length];
        RowMaps.Unary(Tanh, x, 0, result, 0, x.Length);
        Assert.Equal(BitConverter.SingleToInt32Bits(0f), BitConverter.SingleToInt32Bits(result[0]));
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(result[1]));
        Assert.Equal([1f, -1f], result[2..4]);
        Assert.True(float.IsNaN(result[4]));
        Assert.Equal([1e-45f, -1e-45f, 1e-30f, 1f, -1f], result[5..10]);
        for (var i = 10; i < x.Length; i++) Assert.True(Ulps(result[i], Math.Tanh(x[i])) <= 2, $"tanh({x[i]:R}) = {result[i]:R}");
    }

    [Fact]
    public void A_value_has_the_same_tanh_in_a_whole_vector_and_in_the_tail_of_a_row()
    {
        var random = new Random(13);
        float[] values = [.. Enumerable.Range(0, 50).Select(_ => 6 * random.NextSingle() - 3), 0.62499994f, 0.625f, 1e-3f, -2e-6f];
        foreach (var value in values)
        {
            // Length 37: two vectors of 16 and a tail of 5; the value everywhere.
            var row = Enumerable.Repeat(value, 37).ToArray();
            var result = new float[37];
            RowMaps.Unary(Tanh, row, 0, result, 0, 37);
            Assert.All(result, t => Assert.Equal(BitConverter.SingleToInt32Bits(result[0]), BitConverter.SingleToInt32Bits(t)));
        }
    }
}
