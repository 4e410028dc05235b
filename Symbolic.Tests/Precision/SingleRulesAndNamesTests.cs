using System.Linq.Expressions;

namespace Symbolic.Tests.Precision;

/// <summary>
/// Float models that call users' float methods (<c>[Derivative]</c>, <c>[InlineDefinition]</c>, rules defined in a
/// registry) and name values with <c>FunctionsF.Let</c>: gradients against closed forms in double or against the
/// written-out model, and the refusals that keep a model from silently changing precision.
/// </summary>
public class SingleRulesAndNamesTests
{
    private static readonly float[] W = [0.6f, -0.4f, 1.1f];

    private static float[] Gradient(SingleGradientFunc f, float[] w, out float value)
    {
        var gradient = new float[w.Length];
        value = f(w, gradient);
        return gradient;
    }

    // A few float operations per entry, values of magnitude about 1: 64 float roundings of 1 (SingleTolerance).
    private static void Near(double expected, float actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= SingleTolerance.Relative * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");

    private static void SameBits(float[] expected, float[] actual) =>
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));

    [Fact]
    public void Float_methods_with_a_derivative_attribute_are_differentiated_in_float_through_their_float_partials()
    {
        Expression<Func<float[], float>> f = w => SingleUserFunctions.SoftClip(w[0] * w[1]) + SingleUserFunctions.Blend(w[2], w[0]);
        var g = Gradient(f.CompileGradient(), W, out _);
        var (a, b, c) = ((double)W[0], (double)W[1], (double)W[2]);
        var dClip = 1 - Math.Tanh(a * b) * Math.Tanh(a * b);
        Near(dClip * b + c * Math.Exp(a), g[0], "∂/∂w0");
        Near(dClip * a, g[1], "∂/∂w1");
        Near(Math.Exp(a), g[2], "∂/∂w2");
        Assert.Equal(typeof(Func<float[], float[]>), f.Grad().Type);
        Assert.DoesNotContain("Double", f.Grad().ToString());
    }

    [Fact]
    public void A_registry_defines_float_rules_and_inline_definitions_for_float_models()
    {
        var registry = new DerivativeRegistry();
        registry.Define(x => SingleUserFunctions.RegisteredSinh(x), x => MathF.Cosh(x));
        registry.DefineInline(x => SingleUserFunctions.InlinedSquarePlusOne(x), x => x * x + 1);
        Expression<Func<float[], float>> f = w => SingleUserFunctions.RegisteredSinh(w[0] * w[1]) * SingleUserFunctions.InlinedSquarePlusOne(w[2]);
        var (a, b, c) = ((double)W[0], (double)W[1], (double)W[2]);
        double[] expected = [Math.Cosh(a * b) * b * (c * c + 1), Math.Cosh(a * b) * a * (c * c + 1), Math.Sinh(a * b) * 2 * c];

        var compiled = Gradient(f.CompileGradient(registry), W, out var value);
        var grad = f.Grad(registry).Compile()(W);
        for (var i = 0; i < 3; i++) { Near(expected[i], compiled[i], $"CompileGradient ∂/∂w{i}"); Near(expected[i], grad[i], $"Grad ∂/∂w{i}"); }
        Near(Math.Sinh(a * b) * (c * c + 1), value, "the value");
        Near(Math.Sinh(a * b) * b * b * (c * c + 1), f.Hessian(registry).Compile()(W)[0, 0], "H[0, 0]");
        Expression<Func<float, float>> scalar = x => SingleUserFunctions.RegisteredSinh(2 * x);
        Near(2 * Math.Cosh(2 * 0.3f), scalar.Diff(registry).Compile()(0.3f), "Diff");

        // Without the registry, the method has no rule.
        Assert.Contains("RegisteredSinh", Assert.Throws<NotSupportedException>(() => f.Grad()).Message);
        Assert.Equal("registry", Assert.Throws<ArgumentNullException>(() => f.Grad(null!)).ParamName);
    }

    [Fact]
    public void SingleCalculus_Define_adds_a_float_rule_to_the_default_registry()
    {
        SingleCalculus.Define(x => SingleUserFunctions.GloballyDefinedCube(x), x => 3 * x * x);
        Expression<Func<float[], float>> f = w => SingleUserFunctions.GloballyDefinedCube(w[0] - w[1]);
        var g = Gradient(f.CompileGradient(), W, out _);
        double d = W[0] - W[1];
        Near(3 * d * d, g[0], "∂/∂w0");
        Near(-3 * d * d, g[1], "∂/∂w1");
    }

    [Fact]
    public void Float_methods_with_inline_definitions_returning_a_float_or_a_float_array_give_the_written_out_gradient()
    {
        float[] x = [0.7f, -0.2f, 0.4f];
        float[] p = [.. Enumerable.Range(0, 20).Select(i => MathF.Sin(1.3f * i))];
        // Layer(p, 0, 3, 4, x) then a neuron on the sum of its activations, named and written out.
        Expression<Func<float[], float>> named = q => SingleUserFunctions.Neuron(q[19], Enumerable.Range(0, 4).Sum(j => q[16 + j] * SingleUserFunctions.Layer(q, 0, 3, 4, x)[j]));
        Expression<Func<float[], float>> written = q => MathF.Tanh(q[19] * Enumerable.Range(0, 4).Sum(j => q[16 + j] *
            MathF.Tanh(Enumerable.Range(0, 3).Sum(k => q[0 + j * 3 + k] * x[k]) + q[0 + 4 * 3 + j])));

        var (namedGradient, writtenGradient) = (Gradient(named.CompileGradient(), p, out var v1), Gradient(written.CompileGradient(), p, out var v2));
        SameBits(writtenGradient, namedGradient);
        Assert.Equal(BitConverter.SingleToInt32Bits(v2), BitConverter.SingleToInt32Bits(v1));
        Assert.Contains(namedGradient, g => g != 0);
    }

    [Fact]
    public void FunctionsF_Let_names_a_float_value_and_a_float_vector_once()
    {
        Expression<Func<float[], float>> scalar = w => FunctionsF.Let(w[0] * w[1] + MathF.Sin(w[2]), u => u * u + MathF.Exp(u));
        var g = Gradient(scalar.CompileGradient(), W, out var value);
        var u = (double)W[0] * W[1] + Math.Sin(W[2]);
        var du = 2 * u + Math.Exp(u);
        Near(u * u + Math.Exp(u), value, "the value");
        Near(du * W[1], g[0], "∂/∂w0");
        Near(du * W[0], g[1], "∂/∂w1");
        Near(du * Math.Cos(W[2]), g[2], "∂/∂w2");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(scalar.ToCSharpGradient(), @"MathF\.Exp\("));

        float[] x = [0.7f, -0.2f];
        Expression<Func<float[], float>> vector = q => FunctionsF.Let(Enumerable.Range(0, 3).Select(j => MathF.Tanh(q[2 * j] * x[0] + q[2 * j + 1] * x[1])).ToArray(),
            h => h[0] * h[1] + h[2] * h[2]);
        Expression<Func<float[], float>> written = q => MathF.Tanh(q[0] * x[0] + q[1] * x[1]) * MathF.Tanh(q[2] * x[0] + q[3] * x[1])
            + MathF.Tanh(q[4] * x[0] + q[5] * x[1]) * MathF.Tanh(q[4] * x[0] + q[5] * x[1]);
        float[] q6 = [0.3f, -0.8f, 1.2f, 0.5f, -0.1f, 0.9f];
        SameBits(Gradient(written.CompileGradient(), q6, out _), Gradient(vector.CompileGradient(), q6, out _));
        Assert.Throws<IndexOutOfRangeException>(() => ((Expression<Func<float[], float>>)(q => FunctionsF.Let(q.Select(t => t * t).ToArray(), h => h[(int)q[0]])))
            .CompileGradient()([5f, 1f], new float[2]));
    }

    [Fact]
    public void Float_models_print_and_simplify_as_double_ones()
    {
        Expression<Func<float[], float>> f = w => FunctionsF.Let(w[0] * w[1], u => u * u + 1f * u);
        Assert.Equal(typeof(Func<float[], float>), f.Simplify(SimplificationLevel.Algebraic).Type);
        var (model, simplified) = (f.Compile(), f.Simplify(SimplificationLevel.Algebraic).Compile());
        Near(model(W), simplified(W), "Simplify(Algebraic)");
        Assert.Contains("w[0]", f.ToMathString());
        Assert.Contains("w_{0}", f.ToLatex());
        Assert.Contains("w_{0}", f.Grad().ToLatex());
    }

    [Fact]
    public void Double_rules_and_double_lets_in_a_float_model_are_refused_never_a_silent_change_of_precision()
    {
        // Each needs a conversion of a value that depends on w to double: refused, quoting it.
        Expression<Func<float[], float>> doubleRule = w => (float)Extensibility.UserFunctions.SoftClip(w[0]);
        Expression<Func<float[], float>> doubleLet = w => (float)Functions.Let(w[0], u => u * u);
        foreach (var f in new[] { doubleRule, doubleLet })
            Assert.Contains("Convert(w[0], Double)", Assert.Throws<NotSupportedException>(() => f.CompileGradient()).Message);

        // A float method whose declared partial is a double method, or with parameters of both types.
        Expression<Func<float[], float>> half = w => SingleUserFunctions.Half(w[0]);
        Assert.Contains("HalfPrime", Assert.Throws<NotSupportedException>(() => half.Grad()).Message);
        Expression<Func<float[], double[], float>> mixed = (w, d) => SingleUserFunctions.Mixed(w[0], d[0]);
        Assert.Contains("take floats and return a float", Assert.Throws<NotSupportedException>(() => mixed.Grad()).Message);

        // A float Let whose body returns neither float nor float[].
        Expression<Func<float[], float>> badLet = w => FunctionsF.Let(w[0], v => (int)v) + w[1];
        Assert.Contains("Int32", Assert.Throws<NotSupportedException>(() => badLet.Grad()).Message);

        // Defining a rule with a lambda that is not a plain call of a float method.
        var registry = new DerivativeRegistry();
        Assert.Equal("function", Assert.Throws<ArgumentException>(() => registry.Define((float x) => SingleUserFunctions.SoftClip(x) * 2, x => x)).ParamName);
        Assert.Equal("derivative", Assert.Throws<ArgumentNullException>(() => registry.Define(x => SingleUserFunctions.RegisteredSinh(x), (Expression<Func<float, float>>)null!)).ParamName);
    }
}
