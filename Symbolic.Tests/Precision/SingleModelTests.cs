using System.Linq.Expressions;

namespace Symbolic.Tests.Precision;

/// <summary>
/// Float models end to end: every entry point, the data layouts (float[], float[][], float[,]), LINQ, FunctionsF, and
/// the type rule for mixing float and double — each against a closed form evaluated in double at the same float point.
/// </summary>
public class SingleModelTests
{
    private const double U = SingleTolerance.UnitRoundoff;

    private static void AssertClose(double expected, float actual, double scale, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 16 * U * Math.Max(Math.Abs(expected), scale), $"{what}: expected {expected:R}, got {actual:R}");

    [Fact]
    public void Rosenbrock_value_gradient_hessian_and_hvp_in_float_match_the_closed_forms()
    {
        Expression<Func<float[], float>> f = x => (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]);
        float[] x = [-1.2f, 1.1f];
        var (a, b) = ((double)x[0], (double)x[1]);
        var gradient = new float[2];

        var value = f.CompileGradient()(x, gradient);
        var grad = f.Grad().Compile()(x);
        var hessian = f.Hessian().Compile()(x);
        var hvp = f.Hvp().Compile()(x, [1f, -2f]);

        double[] expected = [-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)];
        double[,] h = { { 2 - 400 * (b - a * a) + 800 * a * a, -400 * a }, { -400 * a, 200 } };
        AssertClose((1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a), value, 100, "value");
        for (var i = 0; i < 2; i++)
        {
            AssertClose(expected[i], gradient[i], 400, $"CompileGradient ∂/∂x[{i}]");
            Assert.Equal(gradient[i], grad[i]);
            AssertClose(h[i, 0] - 2 * h[i, 1], hvp[i], 2000, $"Hvp[{i}]");
            for (var j = 0; j < 2; j++) AssertClose(h[i, j], hessian[i, j], 1000, $"H[{i}, {j}]");
        }
    }

    [Fact]
    public void Diff_of_a_float_function_computes_in_float_with_MathF()
    {
        Expression<Func<float, float>> f = x => MathF.Sin(x) * x + MathF.Exp(-x * x);

        var derivative = f.Diff();

        Assert.Equal(typeof(float), derivative.ReturnType);
        var calls = new CallCollector();
        calls.Visit(derivative);
        Assert.NotEmpty(calls.DeclaringTypes);
        Assert.All(calls.DeclaringTypes, t => Assert.Equal(typeof(MathF), t));
        foreach (var x in new[] { -1.7f, 0.3f, 2.2f })
            AssertClose(Math.Cos(x) * x + Math.Sin(x) - 2 * x * Math.Exp(-(double)x * x), derivative.Compile()(x), 3, $"f′({x})");
    }

    [Fact]
    public void A_linq_model_over_float_data_has_the_closed_form_gradient()
    {
        Expression<Func<float[], float[], float>> f = (w, xs) => xs.Sum(x => (w[0] * x + w[1] - 1f) * (w[0] * x + w[1] - 1f)) / xs.Length;
        float[] xs = [.. Enumerable.Range(0, 50).Select(i => 0.1f * i - 2f)];
        float[] w = [0.7f, -0.2f];
        var gradient = new float[2];

        var value = f.CompileGradient()(w, xs, gradient);

        var r = xs.Select(x => w[0] * (double)x + w[1] - 1).ToArray();
        AssertClose(r.Sum(t => t * t) / xs.Length, value, 10, "value");
        AssertClose(xs.Select((x, i) => 2 * r[i] * x).Sum() / xs.Length, gradient[0], 20, "∂/∂w[0]");
        AssertClose(r.Sum(t => 2 * t) / xs.Length, gradient[1], 20, "∂/∂w[1]");

        // H = 2/n·[[Σx², Σx], [Σx, n]], with loops over the data: by columns of Hvp.
        var hessian = f.Hessian().Compile()(w, xs);
        var hvp = f.Hvp().Compile()(w, [1f, 2f], xs);
        var (sxx, sx) = (xs.Sum(x => (double)x * x), xs.Sum(x => (double)x));
        double[,] h = { { 2 * sxx / xs.Length, 2 * sx / xs.Length }, { 2 * sx / xs.Length, 2 } };
        for (var i = 0; i < 2; i++)
        {
            AssertClose(h[i, 0] + 2 * h[i, 1], hvp[i], 10, $"Hvp[{i}]");
            for (var j = 0; j < 2; j++) AssertClose(h[i, j], hessian[i, j], 10, $"H[{i}, {j}]");
        }
    }

    [Fact]
    public void Jagged_and_rectangular_float_data_and_FunctionsF_are_read()
    {
        Expression<Func<float[], float[][], float[], float>> jagged = (w, rows, ys) =>
            rows.Zip(ys, (row, y) => FunctionsF.Softplus(-y * (w[0] * row[0] + w[1] * row[1]))).Average();
        Expression<Func<float[], float[,], float>> rectangular = (w, m) =>
            Enumerable.Range(0, m.GetLength(0)).Sum(i => FunctionsF.Sqr(w[0] * m[i, 0] + w[1] * m[i, 1] - m[i, 2]));
        var random = new Random(5);
        float[][] rows = [.. Enumerable.Range(0, 40).Select(_ => new[] { (float)random.NextDouble() * 2 - 1, (float)random.NextDouble() * 2 - 1 })];
        float[] ys = [.. rows.Select(r => r[0] > r[1] ? 1f : -1f)];
        var m = new float[40, 3];
        for (var i = 0; i < 40; i++) (m[i, 0], m[i, 1], m[i, 2]) = (rows[i][0], rows[i][1], ys[i]);
        float[] w = [0.4f, -1.3f];
        var (g1, g2) = (new float[2], new float[2]);

        jagged.CompileGradient()(w, rows, ys, g1);
        rectangular.CompileGradient()(w, m, g2);
        // The two-data outputs agree bit for bit: Grad<T1, T2> and the ToCSharpGradient<T1, T2> source compiled by Roslyn.
        var grad = jagged.Grad().Compile()(w, rows, ys);
        var fromSource = new float[2];
        Support.RoslynMethods.Compile(jagged.ToCSharpGradient("Model"))["Model"].Invoke(null, [w, rows, ys, fromSource]);
        Assert.Equal(g1, grad);
        Assert.Equal(g1, fromSource);

        for (var j = 0; j < 2; j++)
        {
            // d/dw softplus(−y·z) = −y·σ(−y·z)·x; d/dw (z − t)² = 2(z − t)·x.
            var logistic = rows.Select((row, i) => -ys[i] * Sigmoid(-ys[i] * Dot(w, row)) * row[j]).Average();
            var squares = rows.Select((row, i) => 2 * (Dot(w, row) - ys[i]) * row[j]).Sum();
            AssertClose(logistic, g1[j], 1, $"logistic ∂/∂w[{j}]");
            AssertClose(squares, g2[j], 40, $"least squares ∂/∂w[{j}]");
        }
    }

    [Fact]
    public void A_conversion_C_sharp_wrote_of_double_data_is_a_float_leaf()
    {
        Expression<Func<float[], double[], float>> f = (w, d) => w[0] * (float)d[0] + w[1] * w[1];
        var gradient = new float[2];

        var value = f.CompileGradient()([2f, 3f], [0.1], gradient);

        Assert.Equal(2f * (float)0.1 + 9f, value);
        Assert.Equal((float)0.1, gradient[0]);
        Assert.Equal(6f, gradient[1]);
    }

    public static TheoryData<string, Expression<Func<float[], double[], float>>, string> MixedModels => new()
    {
        { "a double function of a float variable", (w, d) => (float)Math.Sin(w[0]), "Convert(w[0], Double)" },
        { "a double data value multiplied into the variables", (w, d) => (float)(w[0] * d[0]), "Convert(w[0], Double)" },
        { "a double literal in float arithmetic", (w, d) => (float)(w[0] * 0.1), "Convert(w[0], Double)" },
    };

    [Theory]
    [MemberData(nameof(MixedModels))]
    public void Mixing_double_into_the_arithmetic_of_a_float_model_is_refused_naming_the_conversion(string what, Expression<Func<float[], double[], float>> f, string culprit)
    {
        var error = Assert.Throws<NotSupportedException>(() => f.CompileGradient());

        Assert.True(error.Message.Contains(culprit, StringComparison.Ordinal) && error.Message.Contains("float model", StringComparison.Ordinal),
            $"{what}: the message should quote {culprit} and say why; it was: {error.Message}");
        Assert.Throws<NotSupportedException>(() => f.Grad());
    }

    [Fact]
    public void A_float_function_mixing_in_double_is_refused_by_Diff_too()
    {
        Expression<Func<float, float>> f = x => (float)Math.Exp(x) * x;

        var error = Assert.Throws<NotSupportedException>(() => f.Diff());

        Assert.Contains("Convert(x, Double)", error.Message, StringComparison.Ordinal);
    }

    private sealed class CallCollector : ExpressionVisitor
    {
        public List<Type> DeclaringTypes { get; } = [];

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            DeclaringTypes.Add(node.Method.DeclaringType!);
            return base.VisitMethodCall(node);
        }
    }

    private static double Dot(float[] w, float[] row) => w[0] * (double)row[0] + w[1] * (double)row[1];

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
