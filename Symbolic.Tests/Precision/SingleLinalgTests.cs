using System.Linq.Expressions;
using Symbolic.Pipeline;

namespace Symbolic.Tests.Precision;

/// <summary>
/// The float overloads of <see cref="Linalg"/>: called directly, against double loops over the same floats; inside
/// a float model, its gradient against a hand-written derivative in double and its products on the float kernels.
/// </summary>
public class SingleLinalgTests
{
    private const double Epsilon = 1.0 / (1 << 24);

    private static float[,] Matrix(int rows, int columns, float phase)
    {
        var m = new float[rows, columns];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++) m[i, j] = MathF.Sin(phase + 0.37f * (i * columns + j));
        return m;
    }

    private static float[] Vector(int n, float phase) => [.. Enumerable.Range(0, n).Select(i => MathF.Cos(phase + 0.53f * i))];

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 2)]
    [InlineData(17, 9, 33)]
    [InlineData(0, 4, 3)]
    public void Direct_float_calls_agree_with_double_loops_within_float_roundings(int m, int k, int n)
    {
        var (a, b, x, y) = (Matrix(m, k, 0.1f), Matrix(k, n, 0.7f), Vector(k, 0.2f), Vector(m, 0.9f));
        var (product, matVec, outer, transpose) = (Linalg.MatMul(a, b), Linalg.MatVec(a, x), Linalg.Outer(y, x), Linalg.Transpose(a));
        // A sum of k float products: within k + 1 roundings of Σ|terms|.
        void Near(double exact, double magnitude, float actual) => Assert.InRange(actual, exact - (k + 1) * Epsilon * magnitude, exact + (k + 1) * Epsilon * magnitude);
        for (var i = 0; i < m; i++)
        {
            Near(Enumerable.Range(0, k).Sum(p => (double)a[i, p] * x[p]), Enumerable.Range(0, k).Sum(p => Math.Abs((double)a[i, p] * x[p])), matVec[i]);
            for (var j = 0; j < n; j++)
                Near(Enumerable.Range(0, k).Sum(p => (double)a[i, p] * b[p, j]), Enumerable.Range(0, k).Sum(p => Math.Abs((double)a[i, p] * b[p, j])), product[i, j]);
            for (var j = 0; j < k; j++) { Assert.Equal(y[i] * x[j], outer[i, j]); Assert.Equal(a[i, j], transpose[j, i]); }
        }
        Assert.Equal((m, n), (product.GetLength(0), product.GetLength(1)));
        Near(Enumerable.Range(0, k).Sum(p => (double)x[p] * x[p]), Enumerable.Range(0, k).Sum(p => (double)x[p] * x[p]), Linalg.Dot(x, x));
        Assert.Equal(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }, Linalg.Matrix([9f, 1, 2, 3, 4, 5, 6], 1, 2, 3));
    }

    [Fact]
    public void Float_shape_errors_name_the_operation_and_sizes()
    {
        Assert.Contains("Linalg.MatMul: the inner dimensions differ (3 and 2)", Assert.Throws<ArgumentException>(() => Linalg.MatMul(new float[2, 3], new float[2, 2])).Message);
        Assert.Contains("Linalg.Dot", Assert.Throws<ArgumentException>(() => Linalg.Dot(new float[2], new float[3])).Message);
        Assert.Contains("needs 8 values; there are 7", Assert.Throws<ArgumentOutOfRangeException>(() => Linalg.Matrix(new float[7], 2, 2, 3)).Message);
    }

    [Fact]
    public void A_float_model_written_with_Linalg_has_the_hand_written_gradient_and_runs_on_the_float_kernels()
    {
        // loss(p) = Σᵢ (tanh(X·W)ᵢ · v)² with W = p[0..12) as 4×3 and v = p[12..15): a layer and a readout.
        Expression<Func<float[], float[,], float>> model = (p, x) =>
            Enumerable.Range(0, 5).Sum(i => FunctionsF.Sqr(Enumerable.Range(0, 3).Sum(j => MathF.Tanh(Linalg.MatMul(x, Linalg.Matrix(p, 0, 4, 3))[i, j]) * p[12 + j])));
        var x = Matrix(5, 4, 0.3f);
        var p = Vector(15, 1.1f);

        var gradient = new float[15];
        var value = model.CompileGradient()(p, x, gradient);

        var expected = new double[15];
        var expectedValue = 0.0;
        for (var i = 0; i < 5; i++)
        {
            var h = new double[3];
            var r = 0.0;
            for (var j = 0; j < 3; j++)
            {
                h[j] = Math.Tanh(Enumerable.Range(0, 4).Sum(k => (double)x[i, k] * p[k * 3 + j]));
                r += h[j] * p[12 + j];
            }
            expectedValue += r * r;
            for (var j = 0; j < 3; j++)
            {
                expected[12 + j] += 2 * r * h[j];
                for (var k = 0; k < 4; k++) expected[k * 3 + j] += 2 * r * p[12 + j] * (1 - h[j] * h[j]) * x[i, k];
            }
        }
        Assert.InRange(value, expectedValue * (1 - 64 * Epsilon), expectedValue * (1 + 64 * Epsilon));
        var error = Math.Sqrt(expected.Select((g, i) => (gradient[i] - g) * (gradient[i] - g)).Sum());
        Assert.True(error <= 64 * Epsilon * Math.Sqrt(expected.Sum(g => g * g)), $"norm-wise error {error:E2}");

        var trace = new PassTrace();
        GradientPasses.Run(Calculus.DefaultContext, model, new GradientPassOptions(Trace: trace));
        Assert.Contains("matmul", trace.After("recognize-adjoints"));
    }
}
