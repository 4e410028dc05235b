using System.Linq.Expressions;
using Symbolic.Pipeline;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Names;

/// <summary>
/// <see cref="Functions.Let{TResult}(double, Func{double, TResult})"/> over scalars and vectors: every model is
/// checked against the same model written out by hand (the same gradient to round-off) and against finite
/// differences of the model compiled by .NET.
/// </summary>
public class LetTests
{
    private const int Hidden = 5, Inputs = 3;

    /// <summary>p: W1 (Hidden × Inputs), b1 (Hidden), w2 (Hidden).</summary>
    private const int Parameters = Hidden * Inputs + 2 * Hidden;

    private static readonly double[] Point = [0.3, -0.7, 1.1, 0.4];

    [Fact]
    public void A_scalar_let_gives_the_written_out_gradient_and_finite_differences()
    {
        Expression<Func<double[], double>> named = x => Functions.Let(x[0] * x[1] + Math.Sin(x[2]), v => v * v + Math.Exp(v) - v / (1 + x[3] * x[3]));
        Expression<Func<double[], double>> written = x => (x[0] * x[1] + Math.Sin(x[2])) * (x[0] * x[1] + Math.Sin(x[2])) + Math.Exp(x[0] * x[1] + Math.Sin(x[2]))
            - (x[0] * x[1] + Math.Sin(x[2])) / (1 + x[3] * x[3]);

        AssertSameGradient(named, written, Point);
        AssertMatchesFiniteDifferences(named, Point);
    }

    [Fact]
    public void Nested_lets_see_the_outer_name()
    {
        Expression<Func<double[], double>> named = x => Functions.Let(x[0] + x[1], u => Functions.Let(u * x[2], v => u * v + Math.Cos(v) + u));
        Expression<Func<double[], double>> written = x => (x[0] + x[1]) * ((x[0] + x[1]) * x[2]) + Math.Cos((x[0] + x[1]) * x[2]) + (x[0] + x[1]);

        AssertSameGradient(named, written, Point);
        AssertMatchesFiniteDifferences(named, Point);
    }

    [Fact]
    public void A_let_inside_a_sum_binds_a_value_per_term()
    {
        Expression<Func<double[], double>> named = x => Enumerable.Range(0, x.Length - 1).Sum(i => Functions.Let(x[i] * x[i + 1], v => v / (1 + v * v)));
        Expression<Func<double[], double>> written = x => Enumerable.Range(0, x.Length - 1).Sum(i => x[i] * x[i + 1] / (1 + x[i] * x[i + 1] * (x[i] * x[i + 1])));

        AssertSameGradient(named, written, Point);
        AssertMatchesFiniteDifferences(named, Point);
    }

    [Fact]
    public void A_sum_named_outside_a_loop_is_computed_once_not_per_iteration()
    {
        // Written out, the norm would be a sum inside the loop (its length is not a constant, so it stays where it is written).
        Expression<Func<double[], double>> named = x => Functions.Let(x.Sum(t => t * t), s => x.Sum(t => t / s));
        Expression<Func<double[], double>> written = x => x.Sum(t => t / x.Sum(u => u * u));

        Assert.Equal(["i"], SumIndices(named));
        Assert.Equal(["i", "j"], SumIndices(written));
        AssertSameGradient(named, written, Point);
        AssertMatchesFiniteDifferences(named, Point);
    }

    [Fact]
    public void A_vector_let_is_the_written_out_hidden_layer()
    {
        AssertSameGradient(Mlp.Named, Mlp.Written, Mlp.Parameters(1));
        AssertMatchesFiniteDifferences(Mlp.Named, Mlp.Parameters(2));
    }

    [Fact]
    public void A_vector_let_over_data_rows_matches_finite_differences_with_CompileGradient_of_T1()
    {
        var rows = Mlp.Rows(7, count: 6);
        var p = Mlp.Parameters(3);
        var gradient = new double[p.Length];
        var value = Mlp.NamedOverRows.CompileGradient()(p, rows, gradient);

        var reference = Mlp.NamedOverRows.Compile();
        var written = new double[p.Length];
        Assert.Equal(reference(p, rows), value, 1e-12);
        Assert.Equal(value, Mlp.WrittenOverRows.CompileGradient()(p, rows, written), 1e-12);
        for (var i = 0; i < p.Length; i++)
        {
            Assert.Equal(written[i], gradient[i], 1e-12);
            var estimate = FiniteDifference.Derivative(t => reference(With(p, i, t), rows), p[i]);
            Assert.True(Math.Abs(estimate.Derivative - gradient[i]) <= 1e-7 * Math.Max(1, Math.Abs(gradient[i])), $"∂/∂p[{i}]: {gradient[i]:R} vs finite differences {estimate.Derivative:R}");
        }
    }

    [Fact]
    public void A_vector_let_of_a_literal_array_reads_its_elements_and_length()
    {
        Expression<Func<double[], double>> named = x => Functions.Let(new[] { x[0] * x[1], Math.Exp(x[2]), x[3] }, h => h[0] * h[1] + h[2] * h.Length);
        Expression<Func<double[], double>> written = x => x[0] * x[1] * Math.Exp(x[2]) + x[3] * 3;

        AssertSameGradient(named, written, Point);
        AssertMatchesFiniteDifferences(named, Point);
    }

    [Fact]
    public void A_sum_over_a_named_vector_sums_its_elements()
    {
        Expression<Func<double[], double>> named = x => Functions.Let(x.Select(t => Math.Tanh(t)).ToArray(), h => h.Sum(v => v * v) + Functions.LogSumExp(h) + h.Max());
        Expression<Func<double[], double>> written = x => x.Sum(t => Math.Tanh(t) * Math.Tanh(t)) + Functions.LogSumExp(x.Select(t => Math.Tanh(t))) + x.Max(t => Math.Tanh(t));

        AssertSameGradient(named, written, Point);
        AssertMatchesFiniteDifferences(named, Point);
    }

    [Fact]
    public void Hessians_and_Hessian_vector_products_through_lets_equal_the_written_out_ones()
    {
        Expression<Func<double[], double>> named = x => Functions.Let(x[0] * x[1] + Math.Sin(x[2]), v => Functions.Let(v * x[3], u => v * u + Math.Exp(u)));
        Expression<Func<double[], double>> written = x => (x[0] * x[1] + Math.Sin(x[2])) * ((x[0] * x[1] + Math.Sin(x[2])) * x[3]) + Math.Exp((x[0] * x[1] + Math.Sin(x[2])) * x[3]);
        double[] direction = [0.5, -1, 2, 0.25];

        var (h1, h2) = (named.Hessian().Compile()(Point), written.Hessian().Compile()(Point));
        var (v1, v2) = (named.Hvp().Compile()(Point, direction), written.Hvp().Compile()(Point, direction));

        for (var i = 0; i < Point.Length; i++)
        {
            Assert.Equal(v2[i], v1[i], 1e-12 * Math.Max(1, Math.Abs(v2[i])));
            for (var j = 0; j < Point.Length; j++) Assert.Equal(h2[i, j], h1[i, j], 1e-12 * Math.Max(1, Math.Abs(h2[i, j])));
        }
    }

    internal static void AssertSameGradient(Expression<Func<double[], double>> named, Expression<Func<double[], double>> written, double[] point)
    {
        var (g1, g2) = (new double[point.Length], new double[point.Length]);
        var value = named.CompileGradient()(point, g1);
        Assert.Equal(written.Compile()(point), value, 1e-12);
        Assert.Equal(value, written.CompileGradient()(point, g2), 1e-12);
        for (var i = 0; i < point.Length; i++) Assert.Equal(g2[i], g1[i], 1e-12 * Math.Max(1, Math.Abs(g2[i])));
        var viaGrad = named.Grad().Compile()(point);
        for (var i = 0; i < point.Length; i++) Assert.Equal(g1[i], viaGrad[i], 1e-12 * Math.Max(1, Math.Abs(g1[i])));
    }

    internal static void AssertMatchesFiniteDifferences(Expression<Func<double[], double>> f, double[] point)
    {
        var reference = f.Compile();
        var gradient = new double[point.Length];
        f.CompileGradient()(point, gradient);
        for (var i = 0; i < point.Length; i++)
        {
            var estimate = FiniteDifference.Derivative(t => reference(With(point, i, t)), point[i]);
            Assert.True(estimate.IsReliable(1e-8), $"finite differences of ∂/∂x[{i}] are unreliable: {estimate}");
            Assert.True(Math.Abs(estimate.Derivative - gradient[i]) <= 1e-7 * Math.Max(1, Math.Abs(gradient[i])), $"∂/∂x[{i}]: {gradient[i]:R} vs finite differences {estimate.Derivative:R}");
        }
    }

    private static double[] With(double[] point, int i, double value)
    {
        var copy = (double[])point.Clone();
        copy[i] = value;
        return copy;
    }

    /// <summary>
    /// The distinct indices of the sums in the IR as lowered: lowering names an index by its loop's depth (i, then j
    /// inside it), so a sum over j is a sum nested in another.
    /// </summary>
    private static string[] SumIndices(LambdaExpression f)
    {
        var trace = new PassTrace();
        GradientPasses.Run(Calculus.DefaultContext, f, new GradientPassOptions(RecognizeProducts: true, trace));
        return [.. System.Text.RegularExpressions.Regex.Matches(trace.After("lower"), @"= sum (\w+) <").Select(m => m.Groups[1].Value).Distinct().Order()];
    }

    /// <summary>A one-hidden-layer network written with a named hidden layer, and written out.</summary>
    internal static class Mlp
    {
        public static double[] Parameters(int seed)
        {
            var random = new Random(seed);
            return [.. Enumerable.Range(0, LetTests.Parameters).Select(_ => random.NextDouble() - 0.5)];
        }

        public static double[][] Rows(int seed, int count)
        {
            var random = new Random(seed);
            return [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, Inputs).Select(_ => 2 * random.NextDouble() - 1).ToArray())];
        }

        private static readonly double[] X = [0.5, -1.0, 0.25];

        public static readonly Expression<Func<double[], double>> Named = p =>
            Functions.Let(Enumerable.Range(0, Hidden).Select(j => Math.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[j * Inputs + k] * X[k]) + p[Hidden * Inputs + j])).ToArray(),
                h => Math.Log(1 + Math.Exp(Enumerable.Range(0, Hidden).Sum(j => p[Hidden * Inputs + Hidden + j] * h[j]))) + 0.1 * h.Sum(v => v * v));

        public static readonly Expression<Func<double[], double>> Written = p =>
            Math.Log(1 + Math.Exp(Enumerable.Range(0, Hidden).Sum(j => p[Hidden * Inputs + Hidden + j] * Math.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[j * Inputs + k] * X[k]) + p[Hidden * Inputs + j]))))
            + 0.1 * Enumerable.Range(0, Hidden).Sum(j => Math.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[j * Inputs + k] * X[k]) + p[Hidden * Inputs + j]) * Math.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[j * Inputs + k] * X[k]) + p[Hidden * Inputs + j]));

        public static readonly Expression<Func<double[], double[][], double>> NamedOverRows = (p, rows) => rows.Average(x =>
            Functions.Let(Enumerable.Range(0, Hidden).Select(j => Math.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[j * Inputs + k] * x[k]) + p[Hidden * Inputs + j])).ToArray(),
                h => Functions.Sqr(Enumerable.Range(0, Hidden).Sum(j => p[Hidden * Inputs + Hidden + j] * h[j]) - x[0])));

        public static readonly Expression<Func<double[], double[][], double>> WrittenOverRows = (p, rows) => rows.Average(x =>
            Functions.Sqr(Enumerable.Range(0, Hidden).Sum(j => p[Hidden * Inputs + Hidden + j] * Math.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[j * Inputs + k] * x[k]) + p[Hidden * Inputs + j])) - x[0]));
    }
}
