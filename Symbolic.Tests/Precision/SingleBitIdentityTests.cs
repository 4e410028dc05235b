using System.Linq.Expressions;
using Symbolic.Tests.Support;

namespace Symbolic.Tests.Precision;

/// <summary>
/// What prints is what runs, in float: Grad, GradientExpression, the ToCSharpGradient source compiled by Roslyn and
/// CompileGradient return the same float bits, on models with constant indices, LINQ loops, FunctionsF and a sin/cos pair.
/// </summary>
public class SingleBitIdentityTests
{
    private static readonly float[] Data = [.. Enumerable.Range(0, 37).Select(i => MathF.Sin(i) * 1.5f)];

    public static TheoryData<string, Expression<Func<float[], float[], float>>, float[]> Models => new()
    {
        { "Rosenbrock", (w, d) => (1 - w[0]) * (1 - w[0]) + 100 * (w[1] - w[0] * w[0]) * (w[1] - w[0] * w[0]), [-1.2f, 1.1f] },
        { "least squares in LINQ", (w, d) => d.Select((x, i) => w[0] * x + w[1] - 0.1f * i).Sum(r => r * r) / d.Length, [0.3f, -0.7f] },
        { "logistic loss with FunctionsF", (w, d) => d.Average(x => FunctionsF.Softplus(-(w[0] * x - w[1])) + 0.01f * FunctionsF.Sqr(w[0])), [1.3f, 0.2f] },
        { "a sin/cos pair and a power", (w, d) => MathF.Sin(w[0] * w[1]) * MathF.Cos(w[0] * w[1]) + MathF.Pow(w[0], 3) + d.Max(x => x * w[1]), [0.4f, 0.9f] },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_gradient_output_returns_the_same_float_bits(string name, Expression<Func<float[], float[], float>> f, float[] w)
    {
        var compiled = new float[w.Length];
        var expression = new float[w.Length];
        var source = new float[w.Length];

        var value = f.CompileGradient()(w, Data, compiled);
        var grad = f.Grad().Compile()(w, Data);
        var expressionValue = f.GradientExpression().Compile()(w, Data, expression);
        var text = f.ToCSharpGradient("Model");
        var sourceValue = (float)RoslynMethods.Compile(text)["Model"].Invoke(null, [w, Data, source])!;

        Assert.Contains("float[] w", text, StringComparison.Ordinal);
        Assert.Equal(Bits(value), Bits(expressionValue));
        Assert.Equal(Bits(value), Bits(sourceValue));
        for (var i = 0; i < w.Length; i++)
        {
            Assert.True(Bits(compiled[i]) == Bits(grad[i]), $"{name}: Grad ∂/∂w[{i}] {grad[i]:R}, CompileGradient {compiled[i]:R}");
            Assert.True(Bits(compiled[i]) == Bits(expression[i]), $"{name}: GradientExpression ∂/∂w[{i}] {expression[i]:R}, CompileGradient {compiled[i]:R}");
            Assert.True(Bits(compiled[i]) == Bits(source[i]), $"{name}: source ∂/∂w[{i}] {source[i]:R}, CompileGradient {compiled[i]:R}");
        }
        // And the gradient is the model's: central differences of the compiled float model, in double steps of its float values.
        var model = f.Compile();
        for (var i = 0; i < w.Length; i++)
        {
            var (plus, minus) = ((float[])w.Clone(), (float[])w.Clone());
            var h = 1e-2f * Math.Max(1, Math.Abs(w[i]));
            (plus[i], minus[i]) = (w[i] + h, w[i] - h);
            var numerical = ((double)model(plus, Data) - model(minus, Data)) / ((double)plus[i] - minus[i]);
            Assert.True(Math.Abs(numerical - compiled[i]) <= 2e-2 * Math.Max(1, Math.Abs(numerical)), $"{name}: ∂/∂w[{i}] {compiled[i]:R}, finite differences {numerical:R}");
        }
    }

    private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);
}
