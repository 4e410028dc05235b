namespace Symbolic.Optimization;

/// <summary>The few dense vector operations the optimisers need, in plain loops (deterministic order).</summary>
internal static class Vectors
{
    public static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    public static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    /// <summary>result = x + scale·direction.</summary>
    public static void SetSum(double[] result, double[] x, double scale, double[] direction)
    {
        for (var i = 0; i < x.Length; i++) result[i] = x[i] + scale * direction[i];
    }

    /// <summary>result = a − b.</summary>
    public static void SetDifference(double[] result, double[] a, double[] b)
    {
        for (var i = 0; i < a.Length; i++) result[i] = a[i] - b[i];
    }

    /// <summary>y += scale·x.</summary>
    public static void AddScaled(double[] y, double scale, double[] x)
    {
        for (var i = 0; i < y.Length; i++) y[i] += scale * x[i];
    }

    /// <summary>x = scale·x.</summary>
    public static void Scale(double[] x, double scale)
    {
        for (var i = 0; i < x.Length; i++) x[i] *= scale;
    }

    /// <summary>The distance between two points.</summary>
    public static double Distance(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }
        return Math.Sqrt(sum);
    }
}
