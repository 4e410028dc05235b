using System.Linq.Expressions;

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

    // The packed parameter vector p, every matrix row-major (one output unit per row):
    //   W1[j, k] = p[W1 + j * Inputs + k]    32 × 64, hidden unit j from pixel k
    //   b1[j]    = p[B1 + j]
    //   W2[c, j] = p[W2 + c * Hidden + j]    10 × 32, class c from hidden unit j
    //   b2[c]    = p[B2 + c]
    // so the layers are H = tanh(X·W1ᵀ + b1) and Z = H·W2ᵀ + b2 over the rows X of a batch.

    /// <summary>Offset of the first layer's weights W1 (32 × 64, row-major).</summary>
    public const int W1 = 0;

    /// <summary>Offset of the first layer's biases b1.</summary>
    public const int B1 = W1 + Hidden * Inputs;

    /// <summary>Offset of the second layer's weights W2 (10 × 32, row-major).</summary>
    public const int W2 = B1 + Hidden;

    /// <summary>Offset of the second layer's biases b2.</summary>
    public const int B2 = W2 + Classes * Hidden;

    /// <summary>The length of p: 2,410.</summary>
    public const int Parameters = B2 + Classes;

    /// <summary>
    /// The mean cross-entropy −log softmax(z)[label] = logsumexp(z) − Σ_c y_c·z_c over the rows xs (pixels in
    /// [0, 1]) and one-hot labels ys, with the logits z_c = Σ_j W2[c, j]·tanh(Σ_k W1[j, k]·x[k] + b1[j]) + b2[c].
    /// </summary>
    /// <remarks>
    /// Both products are kept as plain sums over k (then j) of weight × input, the canonical form of a
    /// matrix product. LogSumExp is max-shifted, so large logits do not overflow. Symbolic evaluates the
    /// logits inside each sum that reads them: the hidden layer is recomputed per class.
    /// </remarks>
    public static readonly Expression<Func<double[], double[][], double[][], double>> CrossEntropy = (p, xs, ys) =>
        xs.Zip(ys, (x, y) =>
            Functions.LogSumExp(Enumerable.Range(0, Classes).Select(c =>
                Enumerable.Range(0, Hidden).Sum(j => p[W2 + c * Hidden + j] * Math.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[W1 + j * Inputs + k] * x[k]) + p[B1 + j])) + p[B2 + c]))
            - Enumerable.Range(0, Classes).Sum(c => y[c] *
                (Enumerable.Range(0, Hidden).Sum(j => p[W2 + c * Hidden + j] * Math.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[W1 + j * Inputs + k] * x[k]) + p[B1 + j])) + p[B2 + c])))
        .Average();

    /// <summary>The logits z of one image, by plain loops (the hidden layer once).</summary>
    public static double[] Logits(double[] p, double[] x)
    {
        var hidden = new double[Hidden];
        for (var j = 0; j < Hidden; j++)
        {
            var sum = p[B1 + j];
            for (var k = 0; k < Inputs; k++) sum += p[W1 + j * Inputs + k] * x[k];
            hidden[j] = Math.Tanh(sum);
        }
        var z = new double[Classes];
        for (var c = 0; c < Classes; c++)
        {
            var sum = p[B2 + c];
            for (var j = 0; j < Hidden; j++) sum += p[W2 + c * Hidden + j] * hidden[j];
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
