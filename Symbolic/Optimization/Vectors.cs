using System.Numerics;

namespace Symbolic.Optimization;

/// <summary>
/// The few dense vector operations the optimisers need, in plain loops (deterministic order), over double or
/// float vectors: reductions are summed in double and updates computed in double, then rounded to the vector's
/// type — for doubles the conversions are the identity (the JIT removes them), so double runs are unchanged.
/// </summary>
internal static class Vectors
{
    public static double Dot<T>(T[] a, T[] b) where T : IFloatingPointIeee754<T>
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += double.CreateTruncating(a[i]) * double.CreateTruncating(b[i]);
        return sum;
    }

    /// <summary>Σ a[i]·d[i] for a vector of either type and a direction kept in double.</summary>
    public static double DotDirection<T>(T[] a, double[] direction) where T : IFloatingPointIeee754<T>
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += double.CreateTruncating(a[i]) * direction[i];
        return sum;
    }

    public static double Norm<T>(T[] a) where T : IFloatingPointIeee754<T> => Math.Sqrt(Dot(a, a));

    /// <summary>result = x + scale·direction.</summary>
    public static void SetSum<T>(T[] result, T[] x, double scale, T[] direction) where T : IFloatingPointIeee754<T>
    {
        for (var i = 0; i < x.Length; i++) result[i] = T.CreateTruncating(double.CreateTruncating(x[i]) + scale * double.CreateTruncating(direction[i]));
    }

    /// <summary>result = x + scale·direction, the direction kept in double.</summary>
    public static void SetStep<T>(T[] result, T[] x, double scale, double[] direction) where T : IFloatingPointIeee754<T>
    {
        for (var i = 0; i < x.Length; i++) result[i] = T.CreateTruncating(double.CreateTruncating(x[i]) + scale * direction[i]);
    }

    /// <summary>result = a − b, in double.</summary>
    public static void SetDifference<T>(double[] result, T[] a, T[] b) where T : IFloatingPointIeee754<T>
    {
        for (var i = 0; i < a.Length; i++) result[i] = double.CreateTruncating(a[i]) - double.CreateTruncating(b[i]);
    }

    /// <summary>y += scale·x, into a vector of doubles.</summary>
    public static void AddScaled<T>(double[] y, double scale, T[] x) where T : IFloatingPointIeee754<T>
    {
        for (var i = 0; i < y.Length; i++) y[i] += scale * double.CreateTruncating(x[i]);
    }

    /// <summary>x = scale·x.</summary>
    public static void Scale(double[] x, double scale)
    {
        for (var i = 0; i < x.Length; i++) x[i] *= scale;
    }

    /// <summary>The distance between two points.</summary>
    public static double Distance<T>(T[] a, T[] b) where T : IFloatingPointIeee754<T>
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = double.CreateTruncating(a[i]) - double.CreateTruncating(b[i]);
            sum += d * d;
        }
        return Math.Sqrt(sum);
    }

    /// <summary>The vector as doubles: itself when it is one (no copy), else a widened copy (exact from float).</summary>
    public static double[] Widened<T>(T[] x) where T : IFloatingPointIeee754<T> =>
        x as object as double[] ?? Array.ConvertAll(x, double.CreateTruncating);

    /// <summary>target = source, widened (exact from float).</summary>
    public static void Widen<T>(T[] source, double[] target) where T : IFloatingPointIeee754<T>
    {
        for (var i = 0; i < source.Length; i++) target[i] = double.CreateTruncating(source[i]);
    }

    /// <summary>target = source, rounded to the target's type.</summary>
    public static void Narrow<T>(double[] source, T[] target) where T : IFloatingPointIeee754<T>
    {
        for (var i = 0; i < source.Length; i++) target[i] = T.CreateTruncating(source[i]);
    }
}
