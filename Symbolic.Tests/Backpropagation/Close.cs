using System.Globalization;

namespace Symbolic.Tests.Backpropagation;

/// <summary>
/// Tolerant comparisons. Entry i passes when |actual − expected| ≤ relative·(scaleᵢ + floor·‖expected‖∞) (+ absolute for
/// matrices), where scaleᵢ is |expectedᵢ| unless the caller knows the size of the terms that were summed (cancellation).
/// </summary>
internal static class Close
{
    public static void Vectors(double[] expected, double[] actual, double relative, double floor = 1e-6, double[]? scale = null, string what = "entry")
    {
        Assert.Equal(expected.Length, actual.Length);
        var norm = expected.Max(Math.Abs);
        for (var i = 0; i < expected.Length; i++)
        {
            var bound = relative * (Math.Max(Math.Abs(expected[i]), scale?[i] ?? 0) + floor * norm);
            if (!(Math.Abs(actual[i] - expected[i]) <= bound))
                Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"{what} [{i}]: expected {expected[i]:R}, actual {actual[i]:R} (bound {bound:G3})."));
        }
    }

    public static void Matrices(double[,] expected, double[,] actual, double relative, double floor = 1e-6, string what = "entry", double absolute = 0)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        var norm = expected.Cast<double>().Max(Math.Abs);
        for (var i = 0; i < expected.GetLength(0); i++)
            for (var j = 0; j < expected.GetLength(1); j++)
            {
                var bound = relative * (Math.Abs(expected[i, j]) + floor * norm) + absolute;
                if (!(Math.Abs(actual[i, j] - expected[i, j]) <= bound))
                    Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"{what} [{i}, {j}]: expected {expected[i, j]:R}, actual {actual[i, j]:R} (bound {bound:G3})."));
            }
    }

    /// <summary>m[i, j] == m[j, i], bit for bit.</summary>
    public static void ExactlySymmetric(double[,] m)
    {
        Assert.Equal(m.GetLength(0), m.GetLength(1));
        for (var i = 0; i < m.GetLength(0); i++)
            for (var j = 0; j < i; j++)
                Assert.True(m[i, j].Equals(m[j, i]), $"[{i}, {j}] = {m[i, j]:R} but [{j}, {i}] = {m[j, i]:R}.");
    }

    /// <summary>m equals its transpose within the tolerance.</summary>
    public static void Symmetric(double[,] m, double relative, double floor = 1e-6) => Matrices(Matrix.Transpose(m), m, relative, floor, "transpose");
}
