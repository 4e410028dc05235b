using System.Linq.Expressions;
using Symbolic.Pipeline;

namespace Symbolic.Tests.Names;

/// <summary>
/// Methods with an inline definition that return double[] (a layer returning its activations), and the errors of
/// names Symbolic cannot bind: each quotes the culprit.
/// </summary>
public class ArrayDefinitionTests
{
    private const int Inputs = 3, Hidden = 4;

    /// <summary>p: W1 (Hidden × Inputs) at 0, b1 at 12, W2 (Hidden × Hidden) at 16, b2 at 32, w3 (Hidden) at 36.</summary>
    private const int Parameters = 40;

    private static readonly double[] X = [0.7, -0.2, 0.4];

    /// <summary>A tanh layer of <paramref name="outputs"/> units over the <paramref name="inputs"/> values <paramref name="x"/>, its weights row-major at offset then its biases.</summary>
    [InlineDefinition(nameof(LayerDefinition))]
    public static double[] Layer(double[] p, int offset, int inputs, int outputs, double[] x) =>
        [.. Enumerable.Range(0, outputs).Select(j => Math.Tanh(Enumerable.Range(0, inputs).Sum(k => p[offset + j * inputs + k] * x[k]) + p[offset + outputs * inputs + j]))];

    public static readonly Expression<Func<double[], int, int, int, double[], double[]>> LayerDefinition = (p, offset, inputs, outputs, x) =>
        Enumerable.Range(0, outputs).Select(j => Math.Tanh(Enumerable.Range(0, inputs).Sum(k => p[offset + j * inputs + k] * x[k]) + p[offset + outputs * inputs + j])).ToArray();

    [Fact]
    public void Two_layers_written_as_calls_give_the_written_out_gradient_and_finite_differences()
    {
        Expression<Func<double[], double>> named = p => Enumerable.Range(0, Hidden).Sum(j => p[36 + j] * Layer(p, 16, Hidden, Hidden, Layer(p, 0, Inputs, Hidden, X))[j]);
        Expression<Func<double[], double>> written = p => Enumerable.Range(0, Hidden).Sum(j => p[36 + j] * Math.Tanh(
            Enumerable.Range(0, Hidden).Sum(k => p[16 + j * Hidden + k] * Math.Tanh(Enumerable.Range(0, Inputs).Sum(m => p[k * Inputs + m] * X[m]) + p[12 + k])) + p[32 + j]));
        var random = new Random(5);
        double[] point = [.. Enumerable.Range(0, Parameters).Select(_ => random.NextDouble() - 0.5)];

        LetTests.AssertSameGradient(named, written, point);
        LetTests.AssertMatchesFiniteDifferences(named, point);
    }

    [Fact]
    public void A_layer_named_with_let_is_still_recognised_as_a_matrix_product()
    {
        Expression<Func<double[], double[][], double>> model = (p, rows) => rows.Average(x =>
            Functions.Let(Layer(p, 0, Inputs, Hidden, x), h => Functions.Sqr(Enumerable.Range(0, Hidden).Sum(j => p[36 + j] * h[j]) - x[0])));
        var trace = new PassTrace();

        GradientPasses.Run(Calculus.DefaultContext, model, new GradientPassOptions(RecognizeProducts: true, trace));

        Assert.DoesNotContain("matmul", trace.After("lower"));
        Assert.Contains("matmul", trace.After("recognize"));
    }

    [Fact]
    public void A_read_outside_the_named_vector_throws_as_in_CSharp()
    {
        Expression<Func<double[], double>> f = x => Functions.Let(x.Select(t => t * t).ToArray(), h => h[(int)x[0]]);
        double[] outside = [3, 1, 2];

        Assert.Throws<IndexOutOfRangeException>(() => f.Compile()(outside));
        Assert.Throws<IndexOutOfRangeException>(() => f.CompileGradient()(outside, new double[3]));
        var gradient = new double[3];
        Assert.Equal(4, f.CompileGradient()([1, 2, 5], gradient));
        Assert.Equal([0, 4, 0], gradient);
    }

    [Fact]
    public void An_index_read_from_data_is_checked_even_inside_a_loop_over_a_range()
    {
        // b comes from the data, not from the range Zip runs over: it may lie outside h.
        int[] positions = [1, 5];
        Expression<Func<double[], double>> f = x => Functions.Let(Enumerable.Range(0, 2).Select(j => x[j] * x[j]).ToArray(),
            h => Enumerable.Range(0, 2).Zip(positions, (a, b) => h[b]).Sum());

        Assert.Throws<IndexOutOfRangeException>(() => f.Compile()([1, 2, 3]));
        Assert.Throws<IndexOutOfRangeException>(() => f.CompileGradient()([1, 2, 3], new double[3]));
        positions[1] = 0;
        var gradient = new double[3];
        Assert.Equal(5, f.CompileGradient()([1, 2, 3], gradient));
        Assert.Equal([2, 4, 0], gradient);
    }

    [Fact]
    public void A_let_whose_body_is_not_an_inline_lambda_is_refused_quoting_it()
    {
        Func<double, double> square = v => v * v;
        Expression<Func<double[], double>> f = x => Functions.Let(x[0], square);

        var error = Assert.Throws<NotSupportedException>(() => f.Grad());
        Assert.Contains("Functions.Let", error.Message);
        Assert.Contains("lambda written inline", error.Message);
    }

    [Fact]
    public void A_let_whose_body_returns_neither_double_nor_double_array_is_refused_naming_the_type()
    {
        Expression<Func<double[], double>> f = x => Functions.Let(x[0], v => (int)v) + x[1];

        var error = Assert.Throws<NotSupportedException>(() => f.Grad());
        Assert.Contains("Int32", error.Message);
        Assert.Contains("Let", error.Message);
    }

    [Fact]
    public void Reading_a_filtered_vector_by_position_is_refused_quoting_the_read()
    {
        Expression<Func<double[], double>> f = x => Functions.Let(x.Where(t => t > 0).ToArray(), h => h[0]);

        var error = Assert.Throws<NotSupportedException>(() => f.Grad());
        Assert.Contains("filtered", error.Message);
        Assert.Contains("[0]", error.Message);
    }

    [Fact]
    public void A_named_vector_Symbolic_cannot_read_is_refused_quoting_it()
    {
        Expression<Func<double[], double>> f = x => Functions.Let(x.Reverse().ToArray(), h => h[0] * h[1]);

        var error = Assert.Throws<NotSupportedException>(() => f.Grad());
        Assert.Contains("Reverse", error.Message);
    }

    [Fact]
    public void But_a_filtered_vector_can_be_summed()
    {
        Expression<Func<double[], double>> named = x => Functions.Let(x.Where(t => t > 0).ToArray(), h => h.Sum(v => v * v));
        Expression<Func<double[], double>> written = x => x.Where(t => t > 0).Sum(v => v * v);

        LetTests.AssertSameGradient(named, written, [0.3, -0.7, 1.1, 0.4]);
    }
}
