using System.Linq.Expressions;
using Symbolic.Tests.Support;

namespace Symbolic.Tests.Precision;

/// <summary>
/// A float MLP (tanh hidden layer, linear output, squared error) written in LINQ over flat <c>float[]</c>,
/// <c>float[,]</c> and <c>float[][]</c> data: its products run on the float kernels, and its gradient agrees with a
/// hand-written backpropagation in double on the same float inputs, within a tolerance from float's epsilon.
/// </summary>
public class SingleDenseLayerTests
{
    private const int N = 9, D = 6, H = 5, O = 3;
    private const int B1 = H * D, W2 = B1 + H, B2 = W2 + O * H, Size = B2 + O;
    private const double Epsilon = 1.0 / (1 << 24);

    private static readonly float[] X = [.. Enumerable.Range(0, N * D).Select(i => MathF.Sin(0.7f * i + 0.3f))];
    private static readonly float[] Y = [.. Enumerable.Range(0, N * O).Select(i => MathF.Cos(1.3f * i))];
    private static readonly float[] W = [.. Enumerable.Range(0, Size).Select(i => 0.4f * MathF.Sin(2.1f * i + 1f))];

    private static readonly Expression<Func<float[], float[], float[], float>> Flat = (w, x, y) => Enumerable.Range(0, N).Sum(i =>
        Enumerable.Range(0, O).Sum(o => FunctionsF.Sqr(Enumerable.Range(0, H).Sum(j =>
            w[W2 + o * H + j] * MathF.Tanh(Enumerable.Range(0, D).Sum(k => w[j * D + k] * x[i * D + k]) + w[B1 + j])) + w[B2 + o] - y[i * O + o]))) / N;

    private static readonly Expression<Func<float[], float[,], float[,], float>> Matrix = (w, x, y) => Enumerable.Range(0, N).Sum(i =>
        Enumerable.Range(0, O).Sum(o => FunctionsF.Sqr(Enumerable.Range(0, H).Sum(j =>
            w[W2 + o * H + j] * MathF.Tanh(Enumerable.Range(0, D).Sum(k => w[j * D + k] * x[i, k]) + w[B1 + j])) + w[B2 + o] - y[i, o]))) / N;

    private static readonly Expression<Func<float[], float[][], float[][], float>> Jagged = (w, xs, ys) => Enumerable.Range(0, N).Sum(i =>
        Enumerable.Range(0, O).Sum(o => FunctionsF.Sqr(Enumerable.Range(0, H).Sum(j =>
            w[W2 + o * H + j] * MathF.Tanh(Enumerable.Range(0, D).Sum(k => w[j * D + k] * xs[i][k]) + w[B1 + j])) + w[B2 + o] - ys[i][o]))) / N;

    [Fact]
    public void The_float_gradient_over_flat_data_agrees_with_double_backpropagation()
    {
        var gradient = new float[Size];
        var value = Flat.CompileGradient()(W, X, Y, gradient);
        AssertAgrees(value, gradient);
    }

    [Fact]
    public void The_float_gradient_over_a_float_matrix_agrees_with_double_backpropagation()
    {
        var (x, y) = (new float[N, D], new float[N, O]);
        for (var i = 0; i < N; i++)
        {
            for (var k = 0; k < D; k++) x[i, k] = X[i * D + k];
            for (var o = 0; o < O; o++) y[i, o] = Y[i * O + o];
        }
        var gradient = new float[Size];
        var value = Matrix.CompileGradient()(W, x, y, gradient);
        AssertAgrees(value, gradient);
    }

    [Fact]
    public void The_float_gradient_over_jagged_data_agrees_with_double_backpropagation()
    {
        var xs = Enumerable.Range(0, N).Select(i => X[(i * D)..((i + 1) * D)]).ToArray();
        var ys = Enumerable.Range(0, N).Select(i => Y[(i * O)..((i + 1) * O)]).ToArray();
        var gradient = new float[Size];
        var value = Jagged.CompileGradient()(W, xs, ys, gradient);
        AssertAgrees(value, gradient);
    }

    [Fact]
    public void The_float_gradient_calls_the_float_kernels()
    {
        var source = Flat.ToCSharpGradient("Model");

        Assert.Matches(@"global::Symbolic\.\w+\.DenseRuntime\.(Multiply|MultiplyAdd|MultiplyInto)\(", source);
        Assert.Contains("RentSingle", source, StringComparison.Ordinal);
        Assert.DoesNotContain("double[]", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_gradient_output_of_a_float_dense_layer_returns_the_same_float_bits()
    {
        var compiled = new float[Size];
        var expression = new float[Size];
        var source = new float[Size];

        var value = Flat.CompileGradient()(W, X, Y, compiled);
        var grad = Flat.Grad().Compile()(W, X, Y);
        var expressionValue = Flat.GradientExpression().Compile()(W, X, Y, expression);
        var sourceValue = (float)RoslynMethods.Compile(Flat.ToCSharpGradient("Model"))["Model"].Invoke(null, [W, X, Y, source])!;

        Assert.Equal(Bits(value), Bits(expressionValue));
        Assert.Equal(Bits(value), Bits(sourceValue));
        for (var i = 0; i < Size; i++)
        {
            Assert.True(Bits(compiled[i]) == Bits(grad[i]), $"Grad ∂/∂w[{i}] {grad[i]:R}, CompileGradient {compiled[i]:R}");
            Assert.True(Bits(compiled[i]) == Bits(expression[i]), $"GradientExpression ∂/∂w[{i}] {expression[i]:R}, CompileGradient {compiled[i]:R}");
            Assert.True(Bits(compiled[i]) == Bits(source[i]), $"source ∂/∂w[{i}] {source[i]:R}, CompileGradient {compiled[i]:R}");
        }
    }

    private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);

    /// <summary>
    /// Within 64 float roundings, norm-wise: the float code rounds every product, activation and sum of a
    /// dozen terms to float (each within a few roundings of its exact value) — but not to a cruder arithmetic.
    /// </summary>
    private static void AssertAgrees(float value, float[] gradient)
    {
        var (expectedValue, expected) = Backpropagate();
        const double tolerance = 64 * Epsilon;
        Assert.True(Math.Abs(value - expectedValue) <= tolerance * Math.Abs(expectedValue), $"loss {value:R}, double {expectedValue:R}");
        var error = Math.Sqrt(expected.Select((g, i) => (gradient[i] - g) * (gradient[i] - g)).Sum());
        var norm = Math.Sqrt(expected.Sum(g => g * g));
        Assert.True(error <= tolerance * norm, $"norm-wise relative error {error / norm:E2} (tolerance {tolerance:E2})");
    }

    /// <summary>The oracle: the loss and its gradient by hand-written backpropagation, in double, on the float inputs.</summary>
    private static (double Value, double[] Gradient) Backpropagate()
    {
        var g = new double[Size];
        var loss = 0.0;
        for (var i = 0; i < N; i++)
        {
            var h = new double[H];
            for (var j = 0; j < H; j++)
            {
                var z = (double)W[B1 + j];
                for (var k = 0; k < D; k++) z += (double)W[j * D + k] * X[i * D + k];
                h[j] = Math.Tanh(z);
            }
            var dh = new double[H];
            for (var o = 0; o < O; o++)
            {
                var r = (double)W[B2 + o] - Y[i * O + o];
                for (var j = 0; j < H; j++) r += (double)W[W2 + o * H + j] * h[j];
                loss += r * r / N;
                var dr = 2 * r / N;
                g[B2 + o] += dr;
                for (var j = 0; j < H; j++)
                {
                    g[W2 + o * H + j] += dr * h[j];
                    dh[j] += dr * W[W2 + o * H + j];
                }
            }
            for (var j = 0; j < H; j++)
            {
                var dz = dh[j] * (1 - h[j] * h[j]);
                g[B1 + j] += dz;
                for (var k = 0; k < D; k++) g[j * D + k] += dz * X[i * D + k];
            }
        }
        return (loss, g);
    }
}
