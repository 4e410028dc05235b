using System.Linq.Expressions;
using Symbolic.Optimization;
using Symbolic.Tests.Dense;

namespace Symbolic.Tests.Optimization;

public class ParameterLayoutTests
{
    private static readonly ParameterLayout Layout = new ParameterLayout().Matrix("W1", 3, 4).Vector("b1", 3).Matrix("W2", 2, 3).Vector("b2", 2);

    [Fact]
    public void Blocks_are_packed_one_after_another_in_declaration_order()
    {
        Assert.Equal(23, Layout.Size);
        Assert.Equal([0, 12, 15, 21], Layout.Blocks.Select(b => b.Offset));
        Assert.Equal(new ParameterBlock("W2", 15, 2, 3, IsMatrix: true), Layout["W2"]);
        Assert.Equal(new ParameterBlock("b1", 12, 3, 1, IsMatrix: false), Layout["b1"]);
    }

    [Fact]
    public void Appending_a_block_leaves_the_original_layout_unchanged()
    {
        var longer = Layout.Vector("extra", 5);

        Assert.Equal(23, Layout.Size);
        Assert.Equal(28, longer.Size);
        Assert.Equal(4, Layout.Blocks.Count);
    }

    [Fact]
    public void A_matrix_is_read_and_written_row_major_by_name()
    {
        var w = Layout.Zeros();
        var matrix = new double[,] { { 1, 2, 3 }, { 4, 5, 6 } };

        Layout.Set(w, "W2", matrix);
        Layout.Set(w, "b2", [7.0, 8.0]);

        Assert.Equal([1.0, 2, 3, 4, 5, 6, 7, 8], w[15..]);
        Assert.Equal(matrix, Layout.GetMatrix(w, "W2"));
        Assert.Equal([7.0, 8.0], Layout.Get(w, "b2"));
        Layout.Slice(w, "b1")[1] = 9;
        Assert.Equal(9, w[13]);
    }

    [Fact]
    public void Wrong_names_lengths_and_shapes_are_named_in_the_errors()
    {
        var w = Layout.Zeros();

        var unknown = Assert.Throws<ArgumentException>(() => Layout.Get(w, "W3"));
        Assert.Contains("'W3'", unknown.Message);
        Assert.Equal("name", unknown.ParamName);
        Assert.Equal("w", Assert.Throws<ArgumentException>(() => Layout.Get(new double[22], "W1")).ParamName);
        Assert.Contains("'b2'", Assert.Throws<ArgumentException>(() => Layout.Set(w, "b2", [1.0, 2, 3])).Message);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => Layout.Set(w, "W2", new double[3, 2])).ParamName);
        Assert.Contains("'b1'", Assert.Throws<ArgumentException>(() => Layout.Vector("b1", 2)).Message);
        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => Layout.Matrix("W3", 0, 2)).ParamName);
    }

    [Fact]
    public void Initialisation_is_seeded_and_scaled_to_the_fans()
    {
        var w = Layout.Initialize(seed: 4);
        var he = Layout.Initialize(seed: 4, block => block.Name == "b2" ? ParameterInitializer.Constant(0.5) : ParameterInitializer.HeUniform);

        Assert.Equal(w, Layout.Initialize(seed: 4));
        Assert.NotEqual(w, Layout.Initialize(seed: 5));
        Assert.All(Layout.Get(w, "W1"), v => Assert.InRange(Math.Abs(v), 1e-12, Math.Sqrt(6.0 / (4 + 3))));
        Assert.All(Layout.Get(w, "W2"), v => Assert.InRange(Math.Abs(v), 1e-12, Math.Sqrt(6.0 / (3 + 2))));
        Assert.All(Layout.Get(w, "b1"), v => Assert.Equal(0, v));
        Assert.All(Layout.Get(he, "W1"), v => Assert.InRange(Math.Abs(v), 1e-12, Math.Sqrt(6.0 / 4)));
        Assert.True(Layout.Get(he, "W1").Max(Math.Abs) > Math.Sqrt(6.0 / 7), "He's range is wider than Glorot's here");
        Assert.Equal([0.5, 0.5], Layout.Get(he, "b2"));
    }

    private static readonly ParameterBlock W1 = Layout["W1"], B1 = Layout["b1"];

    /// <summary>A tanh layer over a batch, read through the layout's blocks rather than literal offsets.</summary>
    private static readonly Expression<Func<double[], double[][], double>> LayerThroughLayout = (p, xs) =>
        xs.Select(x => Enumerable.Range(0, W1.Rows).Sum(j =>
            Math.Tanh(Enumerable.Range(0, W1.Columns).Sum(k => p[W1.Offset + j * W1.Columns + k] * x[k]) + p[B1.Offset + j]))).Sum();

    [Fact]
    public void A_layer_written_through_the_layout_is_recognised_as_a_matrix_product_and_has_the_scalar_gradient()
    {
        var random = new Random(2);
        var p = Layout.Initialize(seed: 1, _ => ParameterInitializer.GlorotUniform);
        var xs = Enumerable.Range(0, 6).Select(_ => Enumerable.Range(0, 4).Select(_ => random.NextDouble()).ToArray()).ToArray();
        var dense = Symbolic.Pipeline.GradientOutputs.CompileableGradient<Func<double[], double[][], double[], double>>(Calculus.DefaultContext, LayerThroughLayout);
        var scalar = Symbolic.Pipeline.GradientOutputs.CompileableGradient<Func<double[], double[][], double[], double>>(Calculus.DefaultContext, LayerThroughLayout, recognizeProducts: false);

        Assert.True(KernelCalls.In(dense));
        var (gDense, gScalar) = (Enumerable.Repeat(double.NaN, p.Length).ToArray(), Enumerable.Repeat(double.NaN, p.Length).ToArray());
        Assert.Equal(scalar.Compile()(p, xs, gScalar), dense.Compile()(p, xs, gDense), 12);
        for (var i = 0; i < p.Length; i++) Assert.Equal(gScalar[i], gDense[i], 12);
        Assert.All(gDense[15..], g => Assert.Equal(0, g));   // W2 and b2 are not read
    }

    /// <summary>The same layer over flat row-major data, where a product alone writes W1's gradient block.</summary>
    private static readonly Expression<Func<double[], double[], double>> FlatLayerThroughLayout = (p, x) => Enumerable.Range(0, 7).Sum(b => Enumerable.Range(0, W1.Rows).Sum(j =>
        Math.Tanh(Enumerable.Range(0, W1.Columns).Sum(k => p[W1.Offset + j * W1.Columns + k] * x[b * 4 + k]) + p[B1.Offset + j])));

    [Fact]
    public void A_blocks_dimensions_are_read_as_constants_so_the_product_overwrites_its_gradient_block_as_with_literal_offsets()
    {
        var dense = Symbolic.Pipeline.GradientOutputs.CompileableGradient<Func<double[], double[], double[], double>>(Calculus.DefaultContext, FlatLayerThroughLayout);

        Assert.True(KernelCalls.In(dense));
        Assert.True(KernelCalls.Overwrite(dense));   // with the offsets left as field reads, the block was cleared and added into
    }
}
