namespace Symbolic.Tests.Backpropagation;

/// <summary>The little linear algebra the tests need, written plainly.</summary>
internal static class Matrix
{
    public static double[] Times(double[,] a, double[] v) =>
        [.. Enumerable.Range(0, a.GetLength(0)).Select(i => Enumerable.Range(0, v.Length).Sum(j => a[i, j] * v[j]))];

    /// <summary>Σⱼ |aᵢⱼ vⱼ|: the size of the terms behind each entry of a·v, the scale of its rounding error.</summary>
    public static double[] AbsoluteTimes(double[,] a, double[] v) =>
        [.. Enumerable.Range(0, a.GetLength(0)).Select(i => Enumerable.Range(0, v.Length).Sum(j => Math.Abs(a[i, j] * v[j])))];

    public static double[,] Transpose(double[,] a)
    {
        var t = new double[a.GetLength(1), a.GetLength(0)];
        for (var i = 0; i < a.GetLength(0); i++)
            for (var j = 0; j < a.GetLength(1); j++)
                t[j, i] = a[i, j];
        return t;
    }

    public static double MaxAbs(double[,] a) => a.Cast<double>().Max(Math.Abs);

    /// <summary>A reproducible vector with entries in [-1, 1).</summary>
    public static double[] Random(int length, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => 2 * random.NextDouble() - 1)];
    }
}
