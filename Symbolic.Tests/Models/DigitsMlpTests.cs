using Symbolic.Samples.Digits;
using Symbolic.Verification;
using static Symbolic.Samples.Digits.DigitsMlp;

namespace Symbolic.Tests.Models;

/// <summary>
/// The digits sample's 64-32-10 network (samples/Digits/DigitsMlp.cs, compiled into this project) on the
/// first 20 images of its data: CompileGradient against finite differences in all 2,410 components, and
/// against the closed form at zero parameters.
/// </summary>
public class DigitsMlpTests
{
    private const int Rows = 20;

    private static readonly (double[][] X, double[][] Y, int[] Labels) Images = Load();

    private static (double[][], double[][], int[]) Load()
    {
        var (pixels, labels) = DigitsData.Read(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"), Rows);
        return (pixels, [.. labels.Select(DigitsData.OneHot)], labels);
    }

    [Fact]
    public void At_zero_parameters_the_loss_is_log_10_and_only_the_output_biases_have_a_gradient()
    {
        var (xs, ys, labels) = Images;
        var gradient = new double[Parameters];

        var loss = CrossEntropy.CompileGradient()(new double[Parameters], xs, ys, gradient);
        var b2 = Layout["b2"].Offset;

        // All logits are 0: softmax is uniform, −log(1/10) = log 10; ∂/∂b2[c] = mean(softmax_c − y_c) = 0.1 − share of c.
        Assert.Equal(Math.Log(10), loss, 1e-15);
        for (var i = 0; i < b2; i++) Assert.True(gradient[i] == 0, $"gradient entry {i} is {gradient[i]}, expected 0 (tanh(0) = 0 and W2 = 0)");
        for (var c = 0; c < Classes; c++) Assert.Equal(0.1 - labels.Count(l => l == c) / (double)Rows, gradient[b2 + c], 1e-15);
    }

    [Fact]
    public void The_layers_written_through_the_parameter_layout_are_recognised_as_matrix_products()
    {
        var dense = Symbolic.Pipeline.GradientOutputs.CompileableGradient<Func<double[], double[][], double[][], double[], double>>(Calculus.DefaultContext, CrossEntropy);

        Assert.True(Dense.KernelCalls.In(dense));
    }

    [Fact]
    public void CompileGradient_matches_finite_differences_in_all_2410_components()
    {
        var (xs, ys, labels) = Images;
        var random = new Random(11);
        double[] p = [.. Enumerable.Range(0, Parameters).Select(_ => 0.6 * random.NextDouble() - 0.3)];
        var gradient = Enumerable.Repeat(double.NaN, Parameters).ToArray();

        var value = CrossEntropy.CompileGradient()(p, xs, ys, gradient);

        // The LINQ model compiled by .NET is the reference value; the plain loops, equal to it, are fast
        // enough to difference in every coordinate (the LINQ form recomputes the hidden layer per class).
        var reference = CrossEntropy.Compile();
        Assert.Equal(reference(p, xs, ys), value, 1e-12);
        Assert.Equal(reference(p, xs, ys), Loss(p, xs, labels), 1e-12);
        for (var i = 0; i < Parameters; i++)
        {
            var numerical = CentralDifference(q => Loss(q, xs, labels), p, i);
            Assert.True(Math.Abs(numerical - gradient[i]) <= 1e-9 + 1e-6 * Math.Abs(numerical),
                $"∂/∂p[{i}] ({Block(i)}): CompileGradient {gradient[i]:R}, finite differences {numerical:R}");
        }

        // And the LINQ model itself, differenced by GradCheck along random directions.
        var report = GradCheck.Check(q => reference(q, xs, ys), (q, g) => CrossEntropy.CompileGradient()(q, xs, ys, g), [p]);
        Assert.True(report.Passed, report.ToString());
    }

    /// <summary>(4·D(h/2) − D(h))/3 with central differences D: error O(h⁴), well below the tolerance at h = 10⁻³.</summary>
    private static double CentralDifference(Func<double[], double> f, double[] p, int i, double h = 1e-3)
    {
        var q = (double[])p.Clone();
        double D(double step)
        {
            q[i] = p[i] + step;
            var up = f(q);
            q[i] = p[i] - step;
            var down = f(q);
            q[i] = p[i];
            return (up - down) / (2 * step);
        }
        return (4 * D(h / 2) - D(h)) / 3;
    }

    /// <summary>Parameter i by its block's name and position, e.g. "W1[3, 17]".</summary>
    private static string Block(int i)
    {
        var block = Layout.Blocks.Last(b => b.Offset <= i);
        var at = i - block.Offset;
        return block.IsMatrix ? $"{block.Name}[{at / block.Columns}, {at % block.Columns}]" : $"{block.Name}[{at}]";
    }
}
