using System.Linq.Expressions;
using static Symbolic.Samples.Digits.DigitsMlp;

namespace Symbolic.Samples.Digits;

/// <summary>
/// The digits network of <see cref="DigitsMlp"/> in float (the <c>--float32</c> switch): the same layout, layers and
/// softmax cross-entropy over <c>float[]</c> parameters and images, written with <see cref="MathF"/> and
/// <see cref="FunctionsF"/>. Its two layers are recognised as matrix products and run on the float kernels.
/// </summary>
internal static class DigitsMlpSingle
{
    private static readonly Optimization.ParameterBlock W1 = Layout["W1"], B1 = Layout["b1"], W2 = Layout["W2"], B2 = Layout["b2"];

    /// <summary>
    /// <see cref="DigitsMlp.CrossEntropy"/> in float. The logits are written out where they are used (there is no float
    /// <c>Let</c>): the graph shares the repeated hidden layer, so it is still computed once per batch.
    /// </summary>
    public static readonly Expression<Func<float[], float[][], float[][], float>> CrossEntropy = (p, xs, ys) => xs.Zip(ys, (x, y) =>
        FunctionsF.LogSumExp(Enumerable.Range(0, Classes).Select(c =>
            Enumerable.Range(0, Hidden).Sum(j => p[W2.Offset + c * Hidden + j] * MathF.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[W1.Offset + j * Inputs + k] * x[k]) + p[B1.Offset + j])) + p[B2.Offset + c]))
        - Enumerable.Range(0, Classes).Sum(c => y[c] *
            (Enumerable.Range(0, Hidden).Sum(j => p[W2.Offset + c * Hidden + j] * MathF.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[W1.Offset + j * Inputs + k] * x[k]) + p[B1.Offset + j])) + p[B2.Offset + c]))).Average();

    /// <summary>Float parameters widened to double, for <see cref="DigitsMlp.Accuracy"/> and <see cref="DigitsMlp.Loss"/>.</summary>
    public static double[] Widen(float[] p) => Array.ConvertAll(p, v => (double)v);

    /// <summary>Double values rounded to float (the images and one-hot labels).</summary>
    public static float[] Narrow(double[] v) => Array.ConvertAll(v, e => (float)e);
}
