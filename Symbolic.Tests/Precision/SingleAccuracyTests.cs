using System.Linq.Expressions;

namespace Symbolic.Tests.Precision;

/// <summary>
/// The accumulation policy (docs/precision.md): a float model's sums accumulate in double and are rounded to float once,
/// so a long sum is within one float rounding of the exact sum of its float terms; and float gradients of realistic
/// models agree with the double ones to 1e-4, norm-wise.
/// </summary>
public class SingleAccuracyTests
{
    private const double U = SingleTolerance.UnitRoundoff;

    [Fact]
    public void A_long_float_sum_and_its_gradient_are_within_one_float_rounding_of_the_double_oracle()
    {
        const int n = 1 << 20;
        var random = new Random(3);
        float[] xs = [.. Enumerable.Range(0, n).Select(_ => (float)random.NextDouble())];
        Expression<Func<float[], float[], float>> f = (w, data) => data.Sum(x => w[0] * x);
        var gradient = new float[1];

        var value = f.CompileGradient()([1f], xs, gradient);

        // The oracle: the terms (exact floats) summed in double, whose own error, n·2⁻⁵³·Σx, is far below a float rounding.
        var exact = xs.Sum(x => (double)x);
        Assert.True(Math.Abs(value - exact) <= U * exact, $"value {value:R}, exact {exact:R}: {Math.Abs(value - exact) / exact:G3} relative");
        Assert.True(Math.Abs(gradient[0] - exact) <= U * exact, $"gradient {gradient[0]:R}, exact {exact:R}");
        // What the policy avoids: the same sum accumulated in float is off by far more than one rounding.
        var naive = 0f;
        foreach (var x in xs) naive += x;
        Assert.True(Math.Abs(naive - exact) > 100 * U * exact, $"float accumulation was unexpectedly accurate ({naive:R} vs {exact:R})");
    }

    [Fact]
    public void Float_logistic_regression_over_100000_rows_has_the_double_gradient_to_1e_4()
    {
        const int rows = 100_000, features = 10;
        var random = new Random(17);
        double[][] x = [.. Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, features).Select(_ => (double)(float)(2 * random.NextDouble() - 1)).ToArray())];
        double[] y = [.. x.Select(r => r[0] - r[1] + 0.3 * r[2] > 0 ? 1.0 : -1.0)];
        double[] w = [.. Enumerable.Range(0, features).Select(_ => (double)(float)(random.NextDouble() - 0.5))];
        Expression<Func<double[], double[][], double[], double>> inDouble = (p, xs, ys) =>
            xs.Zip(ys, (r, t) => Functions.Softplus(-t * Enumerable.Range(0, features).Sum(j => p[j] * r[j]))).Average();
        Expression<Func<float[], float[][], float[], float>> inFloat = (p, xs, ys) =>
            xs.Zip(ys, (r, t) => FunctionsF.Softplus(-t * Enumerable.Range(0, features).Sum(j => p[j] * r[j]))).Average();
        var (g, gf) = (new double[features], new float[features]);

        inDouble.CompileGradient()(w, x, y, g);
        inFloat.CompileGradient()(ToFloat(w), [.. x.Select(ToFloat)], ToFloat(y), gf);

        AssertNormwise(g, gf, 1e-4);
    }

    [Fact]
    public void The_digits_mlp_in_float_has_the_double_gradient_to_1e_4()
    {
        // The digits sample's 64-32-10 tanh network and softmax cross-entropy (samples/Digits/DigitsMlp.cs), in both precisions,
        // on random images of its shape.
        const int inputs = 64, hidden = 32, classes = 10, batch = 16;
        const int b1 = hidden * inputs, w2 = b1 + hidden, b2 = w2 + classes * hidden, parameters = b2 + classes;
        Expression<Func<double[], double[][], double[][], double>> inDouble = (p, xs, ys) => xs.Zip(ys, (x, y) =>
            Functions.LogSumExp(Enumerable.Range(0, classes).Select(c =>
                Enumerable.Range(0, hidden).Sum(j => p[w2 + c * hidden + j] * Math.Tanh(Enumerable.Range(0, inputs).Sum(k => p[j * inputs + k] * x[k]) + p[b1 + j])) + p[b2 + c]))
            - Enumerable.Range(0, classes).Sum(c => y[c] *
                (Enumerable.Range(0, hidden).Sum(j => p[w2 + c * hidden + j] * Math.Tanh(Enumerable.Range(0, inputs).Sum(k => p[j * inputs + k] * x[k]) + p[b1 + j])) + p[b2 + c]))).Average();
        Expression<Func<float[], float[][], float[][], float>> inFloat = (p, xs, ys) => xs.Zip(ys, (x, y) =>
            FunctionsF.LogSumExp(Enumerable.Range(0, classes).Select(c =>
                Enumerable.Range(0, hidden).Sum(j => p[w2 + c * hidden + j] * MathF.Tanh(Enumerable.Range(0, inputs).Sum(k => p[j * inputs + k] * x[k]) + p[b1 + j])) + p[b2 + c]))
            - Enumerable.Range(0, classes).Sum(c => y[c] *
                (Enumerable.Range(0, hidden).Sum(j => p[w2 + c * hidden + j] * MathF.Tanh(Enumerable.Range(0, inputs).Sum(k => p[j * inputs + k] * x[k]) + p[b1 + j])) + p[b2 + c]))).Average();
        var random = new Random(23);
        double[][] images = [.. Enumerable.Range(0, batch).Select(_ => Enumerable.Range(0, inputs).Select(_ => (double)(float)random.NextDouble()).ToArray())];
        double[][] labels = [.. Enumerable.Range(0, batch).Select(i => Enumerable.Range(0, classes).Select(c => c == i % classes ? 1.0 : 0.0).ToArray())];
        double[] p = [.. Enumerable.Range(0, parameters).Select(_ => (double)(float)(0.6 * random.NextDouble() - 0.3))];
        var (g, gf) = (new double[parameters], new float[parameters]);

        var loss = inDouble.CompileGradient()(p, images, labels, g);
        var lossF = inFloat.CompileGradient()(ToFloat(p), [.. images.Select(ToFloat)], [.. labels.Select(ToFloat)], gf);

        Assert.True(Math.Abs(loss - lossF) <= 1e-5 * loss, $"loss {loss:R} in double, {lossF:R} in float");
        AssertNormwise(g, gf, 1e-4);
    }

    private static float[] ToFloat(double[] v) => [.. v.Select(e => (float)e)];

    private static void AssertNormwise(double[] expected, float[] actual, double bound)
    {
        var difference = Math.Sqrt(expected.Select((e, i) => (e - actual[i]) * (e - actual[i])).Sum());
        var norm = Math.Sqrt(expected.Sum(e => e * e));
        Assert.True(norm > 0, "the double gradient is zero: the comparison would say nothing");
        Assert.True(difference <= bound * norm, $"‖g_float − g_double‖ / ‖g_double‖ = {difference / norm:G3}, above {bound:G3}");
    }
}
