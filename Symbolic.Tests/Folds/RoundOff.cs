using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Folds;

/// <summary>Two gradients of one model computed by differently simplified programs agree to a few ulps of their largest entry.</summary>
internal static class RoundOff
{
    /// <summary>Asserts that every entry of <paramref name="actual"/> is within 16 ulps of the largest entry of <paramref name="expected"/>.</summary>
    public static void Equal(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = Math.Max(1.0, expected.Max(Math.Abs));
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Tolerance.Agree(expected[i], actual[i], scale, relative: 16 * Math.Pow(2, -52)), $"entry {i}: {expected[i]:R} vs {actual[i]:R}");
    }
}
