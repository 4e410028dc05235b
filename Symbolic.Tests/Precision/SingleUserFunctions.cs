using System.Linq.Expressions;

namespace Symbolic.Tests.Precision;

/// <summary>Users' own float methods, as a float model would call them (each test uses its own: the default registry is global).</summary>
public static class SingleUserFunctions
{
    [Derivative(nameof(SoftClipPrime))]
    public static float SoftClip(float x) => MathF.Tanh(x);

    public static float SoftClipPrime(float x) => 1 - MathF.Tanh(x) * MathF.Tanh(x);

    [Derivative(nameof(BlendByX), nameof(BlendByY))]
    public static float Blend(float x, float y) => x * MathF.Exp(y);

    public static float BlendByX(float x, float y) => MathF.Exp(y);

    public static float BlendByY(float x, float y) => x * MathF.Exp(y);

    /// <summary>A float method whose declared partial is a double method: refused, a rule never changes precision.</summary>
    [Derivative(nameof(HalfPrime))]
    public static float Half(float x) => x / 2;

    public static double HalfPrime(double x) => 0.5;

    /// <summary>Mixed parameter types: refused.</summary>
    [Derivative(nameof(MixedPrime))]
    public static float Mixed(float x, double y) => x * (float)y;

    public static float MixedPrime(float x, double y) => (float)y;

    /// <summary>Defined in a test's own registry: sinh, with derivative cosh.</summary>
    public static float RegisteredSinh(float x) => MathF.Sinh(x);

    /// <summary>Defined in the default registry by <c>SingleCalculus.Define</c>: x³, with derivative 3x².</summary>
    public static float GloballyDefinedCube(float x) => x * x * x;

    /// <summary>Never runs: a test's registry defines it inline.</summary>
    public static float InlinedSquarePlusOne(float x) => throw new NotImplementedException("Symbolic inlines this method's registered definition.");

    [InlineDefinition(nameof(NeuronDefinition))]
    public static float Neuron(float weight, float input) => MathF.Tanh(weight * input);

    public static Expression<Func<float, float, float>> NeuronDefinition => (weight, input) => MathF.Tanh(weight * input);

    /// <summary>A float tanh layer of <paramref name="outputs"/> units over <paramref name="x"/>: weights row-major at offset, then biases.</summary>
    [InlineDefinition(nameof(LayerDefinition))]
    public static float[] Layer(float[] p, int offset, int inputs, int outputs, float[] x) =>
        [.. Enumerable.Range(0, outputs).Select(j => MathF.Tanh(Enumerable.Range(0, inputs).Sum(k => p[offset + j * inputs + k] * x[k]) + p[offset + outputs * inputs + j]))];

    public static readonly Expression<Func<float[], int, int, int, float[], float[]>> LayerDefinition = (p, offset, inputs, outputs, x) =>
        Enumerable.Range(0, outputs).Select(j => MathF.Tanh(Enumerable.Range(0, inputs).Sum(k => p[offset + j * inputs + k] * x[k]) + p[offset + outputs * inputs + j])).ToArray();
}
