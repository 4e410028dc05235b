using Symbolic.Optimization;

namespace Symbolic.Tests.Optimization;

/// <summary>A <see cref="ParameterLayout"/> over float vectors: the double initialisation rounded, blocks read and written in place.</summary>
public class SingleParameterLayoutTests
{
    private static readonly ParameterLayout Layout = new ParameterLayout().Matrix("W", 3, 4).Vector("b", 3);

    [Fact]
    public void A_float_vector_starts_where_the_double_one_does_rounded_to_float()
    {
        var single = Layout.InitializeSingle(seed: 7);
        var twin = Layout.Initialize(seed: 7);

        Assert.Equal(Layout.Size, single.Length);
        Assert.Equal(twin.Select(v => (float)v), single);
        Assert.Contains(single, v => v != 0);
        Assert.Equal(new float[Layout.Size], Layout.SingleZeros());
    }

    [Fact]
    public void Float_blocks_are_read_and_written_in_place()
    {
        var w = Layout.SingleZeros();
        var matrix = new float[3, 4];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 4; j++) matrix[i, j] = 10 * i + j + 0.5f;
        Layout.Set(w, "W", matrix);
        Layout.Set(w, "b", [1f, 2f, 3f]);

        Assert.Equal(matrix, Layout.GetMatrix(w, "W"));
        Assert.Equal([1f, 2f, 3f], Layout.Get(w, "b"));
        Assert.Equal(12.5f, w[Layout["W"].Offset + 4 + 2]); // row 1, column 2, row-major
        Layout.Slice(w, "b")[1] = 9;
        Assert.Equal(9f, w[Layout["b"].Offset + 1]);

        Layout.Fill(w, "b", ParameterInitializer.Constant(0.25), new Random(1));
        Assert.Equal([0.25f, 0.25f, 0.25f], Layout.Get(w, "b"));
    }

    [Fact]
    public void A_float_vector_of_the_wrong_length_or_shape_is_refused_by_name()
    {
        Assert.Equal("w", Assert.Throws<ArgumentException>(() => Layout.Get(new float[3], "b")).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => Layout.Set(Layout.SingleZeros(), "b", [1f])).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => Layout.Set(Layout.SingleZeros(), "W", new float[4, 3])).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => Layout.Get(Layout.SingleZeros(), "V")).ParamName);
    }
}
