using System.Numerics.Tensors;

namespace Symbolic.Bench.Batch;

/// <summary>
/// Hand-written value and gradient of the logistic negative log-likelihood Σᵢ log(1 + e^zᵢ) − yᵢ·zᵢ,
/// zᵢ = w·xᵢ + w[d], over rows read in place: the per-row loop (the baseline) and the blocked form
/// (blocks of <see cref="Block"/> rows: z by dot products, exp, log and the residuals over the block with
/// <see cref="TensorPrimitives"/>, then g += Σᵣ cᵣ·xᵣ while the block is in cache; the block's dots eight rows at a time and its scatter with g in registers, <see cref="RowKernels"/>).
/// </summary>
public static class LogisticForms
{
    /// <summary>Rows per block of the blocked form (fastest of 64, 128, 256 here).</summary>
    public const int Block = 128;

    /// <summary>One pass over the rows: zᵢ, exp, log and the gradient row by row.</summary>
    public static double PerRow<TRows>(TRows rows, double[] w, double[] y, double[] g) where TRows : struct, IRows
    {
        var d = w.Length - 1;
        Array.Clear(g);
        var f = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            var row = rows.Row(i);
            var z = w[d];
            for (var j = 0; j < d; j++) z += w[j] * row[j];
            var e = Math.Exp(z);
            f += Math.Log(1 + e) - y[i] * z;
            var c = e / (1 + e) - y[i];
            for (var j = 0; j < d; j++) g[j] += c * row[j];
            g[d] += c;
        }
        return f;
    }

    /// <summary>The blocked form; <paramref name="scratch"/> holds 3 · <see cref="Block"/> doubles.</summary>
    public static double Blocked<TRows>(TRows rows, double[] w, double[] y, double[] g, double[] scratch) where TRows : struct, IRows
    {
        var d = w.Length - 1;
        Array.Clear(g);
        ReadOnlySpan<double> weights = w.AsSpan(0, d);
        var gradient = g.AsSpan(0, d);
        var (f, bias) = (0.0, 0.0);
        for (var start = 0; start < y.Length; start += Block)
        {
            var n = Math.Min(Block, y.Length - start);
            Span<double> z = scratch.AsSpan(0, n), e = scratch.AsSpan(Block, n), t = scratch.AsSpan(2 * Block, n);
            var targets = y.AsSpan(start, n);
            RowKernels.Dots(rows, start, weights, z);
            TensorPrimitives.Add(z, w[d], z);
            TensorPrimitives.Exp(z, e);
            TensorPrimitives.Add(e, 1.0, t);
            TensorPrimitives.Divide(e, t, e);
            TensorPrimitives.Log(t, t);
            f += TensorPrimitives.Sum<double>(t) - TensorPrimitives.Dot(targets, z);
            TensorPrimitives.Subtract(e, targets, e);
            RowKernels.AddScaledRows(rows, start, e, gradient);
            bias += TensorPrimitives.Sum<double>(e);
        }
        g[d] = bias;
        return f;
    }
}
