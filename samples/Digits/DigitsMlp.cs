using System.Linq.Expressions;
using Symbolic.Optimization;

namespace Symbolic.Samples.Digits;

/// <summary>
/// A 64-32-10 tanh network for 8×8 digit images, its softmax cross-entropy written as a LINQ model over one
/// packed parameter vector, and the same forward pass as plain loops (for accuracy and per-epoch losses).
/// Also compiled into Symbolic.Tests, which checks the model's gradient against finite differences.
/// </summary>
internal static class DigitsMlp
{
    /// <summary>Pixels per image.</summary>
    public const int Inputs = 64;

    /// <summary>Hidden tanh units.</summary>
    public const int Hidden = 32;

    /// <summary>Digits 0–9.</summary>
    public const int Classes = 10;

    /// <summary>
    /// The packed parameter vector p, by name: every matrix row-major, one output unit per row, so the layers are
    /// H = tanh(X·W1ᵀ + b1) and Z = H·W2ᵀ + b2 over the rows X of a batch. 2,410 parameters.
    /// </summary>
    public static readonly ParameterLayout Layout = new ParameterLayout()
        .Matrix("W1", Hidden, Inputs)      // W1[j, k]: hidden unit j from pixel k
        .Vector("b1", Hidden)
        .Matrix("W2", Classes, Hidden)     // W2[c, j]: class c from hidden unit j
        .Vector("b2", Classes);

    // The blocks, captured by the model: W1[j, k] is p[W1.Offset + j * W1.Columns + k], an affine read, so both
    // layers are still recognised as matrix products.
    private static readonly ParameterBlock W1 = Layout["W1"], B1 = Layout["b1"], W2 = Layout["W2"], B2 = Layout["b2"];

    /// <summary>The length of p: 2,410.</summary>
    public static int Parameters => Layout.Size;

    /// <summary>
    /// The mean cross-entropy −log softmax(z)[label] = logsumexp(z) − Σ_c y_c·z_c over the rows xs (pixels in
    /// [0, 1]) and one-hot labels ys, with the hidden layer h_j = tanh(Σ_k W1[j, k]·x[k] + b1[j]) and the logits
    /// z_c = Σ_j W2[c, j]·h_j + b2[c].
    /// </summary>
    /// <remarks>
    /// <see cref="Functions.Let{TResult}(double[], Func{double[], TResult})"/> names h and z once each: Symbolic
    /// allocates no array for them, it reads h[j] as the element's expression, so both products stay plain sums
    /// over k (then j) of weight × input, the canonical form of a matrix product, and are recognised as kernel
    /// calls. LogSumExp is max-shifted, so large logits do not overflow.
    /// </remarks>
    public static readonly Expression<Func<double[], double[][], double[][], double>> CrossEntropy = (p, xs, ys) =>
        xs.Zip(ys, (x, y) => Functions.Let(
            Enumerable.Range(0, Hidden).Select(j => Math.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[W1.Offset + j * W1.Columns + k] * x[k]) + p[B1.Offset + j])).ToArray(),
            h => Functions.Let(
                Enumerable.Range(0, Classes).Select(c => Enumerable.Range(0, Hidden).Sum(j => p[W2.Offset + c * W2.Columns + j] * h[j]) + p[B2.Offset + c]).ToArray(),
                z => Functions.LogSumExp(z) - Enumerable.Range(0, Classes).Sum(c => y[c] * z[c]))))
        .Average();

    /// <summary>The logits z of one image, by plain loops (the hidden layer once).</summary>
    public static double[] Logits(double[] p, double[] x)
    {
        var hidden = new double[Hidden];
        for (var j = 0; j < Hidden; j++)
        {
            var sum = p[B1.Offset + j];
            for (var k = 0; k < Inputs; k++) sum += p[W1.Offset + j * W1.Columns + k] * x[k];
            hidden[j] = Math.Tanh(sum);
        }
        var z = new double[Classes];
        for (var c = 0; c < Classes; c++)
        {
            var sum = p[B2.Offset + c];
            for (var j = 0; j < Hidden; j++) sum += p[W2.Offset + c * W2.Columns + j] * hidden[j];
            z[c] = sum;
        }
        return z;
    }

    /// <summary><see cref="CrossEntropy"/> by plain loops, for evaluating without a gradient.</summary>
    public static double Loss(double[] p, double[][] xs, int[] labels) =>
        xs.Zip(labels, (x, label) => { var z = Logits(p, x); return Functions.LogSumExp(z) - z[label]; }).Average();

    /// <summary>The fraction of images whose largest logit is their label.</summary>
    public static double Accuracy(double[] p, double[][] xs, int[] labels) =>
        xs.Zip(labels).Count(pair => Predict(p, pair.First) == pair.Second) / (double)labels.Length;

    /// <summary>The predicted digit: the index of the largest logit.</summary>
    public static int Predict(double[] p, double[] x)
    {
        var z = Logits(p, x);
        return Array.IndexOf(z, z.Max());
    }
}
