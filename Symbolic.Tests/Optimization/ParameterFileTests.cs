using Symbolic.Optimization;

namespace Symbolic.Tests.Optimization;

public class ParameterFileTests
{
    private static readonly ParameterLayout Layout = new ParameterLayout().Matrix("W1", 3, 4).Vector("b1", 3).Matrix("W2", 2, 3).Vector("b2", 2);

    /// <summary>Values whose bits a decimal round trip could lose: a NaN payload, −0, a subnormal, infinities, the next double after 1.</summary>
    private static double[] Awkward()
    {
        var w = Layout.Initialize(seed: 9, _ => ParameterInitializer.HeUniform);
        w[0] = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_1234);
        w[1] = -0.0;
        w[2] = double.Epsilon * 3;
        w[3] = double.NegativeInfinity;
        w[4] = Math.BitIncrement(1.0);
        w[22] = 1.0 / 3;
        return w;
    }

    private static byte[] Saved(ParameterLayout layout, double[] w)
    {
        using var stream = new MemoryStream();
        ParameterFile.Save(stream, layout, w);
        return stream.ToArray();
    }

    private static double[] Loaded(byte[] bytes, ParameterLayout layout) => ParameterFile.Load(new MemoryStream(bytes), layout);

    [Fact]
    public void Parameters_round_trip_bit_for_bit_through_a_file()
    {
        var w = Awkward();
        var path = Path.Combine(Path.GetTempPath(), $"symbolic-params-{Guid.NewGuid():N}.bin");
        try
        {
            ParameterFile.Save(path, Layout, w);
            var loaded = ParameterFile.Load(path, Layout);

            Assert.Equal(w.Select(BitConverter.DoubleToInt64Bits), loaded.Select(BitConverter.DoubleToInt64Bits));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Saving_with_a_wrong_argument_leaves_the_existing_file_intact()
    {
        var w = Awkward();
        var path = Path.Combine(Path.GetTempPath(), $"symbolic-params-{Guid.NewGuid():N}.bin");
        try
        {
            ParameterFile.Save(path, Layout, w);
            var before = File.ReadAllBytes(path);

            Assert.Equal("w", Assert.Throws<ArgumentException>(() => ParameterFile.Save(path, Layout, new double[3])).ParamName);
            Assert.Throws<ArgumentNullException>(() => ParameterFile.Save(path, null!, w));

            Assert.Equal(before, File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_block_name_too_long_for_the_format_is_refused_when_saving_not_when_loading()
    {
        var layout = new ParameterLayout().Vector(new string('n', (1 << 16) + 1), 1);

        Assert.Equal("layout", Assert.Throws<ArgumentException>(() => Saved(layout, [1.0])).ParamName);
    }

    [Fact]
    public void A_stream_of_another_kind_is_refused_after_its_first_eight_bytes()
    {
        var other = new MemoryStream(new byte[1 << 20]);

        Assert.Throws<InvalidDataException>(() => ParameterFile.Load(other, Layout));
        Assert.Equal(8, other.Position);
    }

    [Fact]
    public void The_file_starts_with_the_documented_header()
    {
        var bytes = Saved(Layout, Awkward());

        Assert.Equal("SYMPARAM"u8.ToArray(), bytes[..8]);
        Assert.Equal(1, BitConverter.ToInt32(bytes, 8));                                  // version
        Assert.Equal(4, BitConverter.ToInt32(bytes, 12));                                 // blocks
        Assert.Equal(2, BitConverter.ToInt32(bytes, 16));                                 // "W1" is two bytes
        Assert.Equal("W1"u8.ToArray(), bytes[20..22]);
        Assert.Equal([2, 3, 4], [BitConverter.ToInt32(bytes, 22), BitConverter.ToInt32(bytes, 26), BitConverter.ToInt32(bytes, 30)]);
        Assert.Equal(8 + 4 + 4 + 4 * 16 + (2 + 2 + 2 + 2) + 8 + 23 * 8 + 8, bytes.Length);
    }

    [Fact]
    public void Loading_with_a_layout_whose_block_differs_names_that_block()
    {
        var bytes = Saved(Layout, Awkward());

        var resized = new ParameterLayout().Matrix("W1", 3, 4).Vector("b1", 4).Matrix("W2", 2, 3).Vector("b2", 1);
        var renamed = new ParameterLayout().Matrix("W1", 3, 4).Vector("b1", 3).Matrix("V2", 2, 3).Vector("b2", 2);
        var shorter = new ParameterLayout().Matrix("W1", 3, 4).Vector("b1", 3).Matrix("W2", 2, 3);
        var longer = Layout.Vector("b3", 1);

        var error = Assert.Throws<ArgumentException>(() => Loaded(bytes, resized));
        Assert.Contains("'b1' (vector 4)", error.Message);
        Assert.Contains("'b1' (vector 3)", error.Message);
        Assert.Equal("layout", error.ParamName);
        Assert.Contains("'V2'", Assert.Throws<ArgumentException>(() => Loaded(bytes, renamed)).Message);
        Assert.Contains("'b2'", Assert.Throws<ArgumentException>(() => Loaded(bytes, shorter)).Message);
        Assert.Contains("'b3'", Assert.Throws<ArgumentException>(() => Loaded(bytes, longer)).Message);
    }

    [Fact]
    public void A_corrupted_truncated_or_foreign_file_is_an_InvalidDataException()
    {
        var bytes = Saved(Layout, Awkward());
        var flipped = (byte[])bytes.Clone();
        flipped[100] ^= 0x01;

        Assert.Contains("checksum", Assert.Throws<InvalidDataException>(() => Loaded(flipped, Layout)).Message);
        Assert.Throws<InvalidDataException>(() => Loaded(bytes[..^9], Layout));
        Assert.Throws<InvalidDataException>(() => Loaded(bytes[..10], Layout));
        Assert.Contains("SYMPARAM", Assert.Throws<InvalidDataException>(() => Loaded("{\"W1\": [1, 2]}"u8.ToArray(), Layout)).Message);
    }

    [Fact]
    public void Saving_a_vector_of_another_length_names_it()
    {
        Assert.Equal("w", Assert.Throws<ArgumentException>(() => Saved(Layout, new double[22])).ParamName);
    }
}
