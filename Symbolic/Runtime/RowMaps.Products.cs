using System.Numerics.Tensors;
using System.Reflection;

namespace Symbolic.Runtime;

public static partial class RowMaps
{
    internal static readonly MethodInfo DotMethod = RuntimeMethods.Find(typeof(RowMaps), nameof(Dot), typeof(double));
    internal static readonly MethodInfo AddScaledMethod = RuntimeMethods.Find(typeof(RowMaps), nameof(AddScaled), typeof(double));

    /// <summary>
    /// Σ x[xOffset + i]·y[yOffset + i] for i &lt; n in one vectorised pass (a row's dot product, without the
    /// product row a <see cref="Binary(int, double[], int, double[], int, double[], int, int)"/> then <see cref="Sum(double[], int, int)"/> would write and read back; grouped differently from a loop's).
    /// </summary>
    public static double Dot(double[] x, int xOffset, double[] y, int yOffset, int n) => TensorPrimitives.Dot(In(x, xOffset, n), In(y, yOffset, n));

    /// <summary>
    /// destination[destinationOffset + i] += x[xOffset + i]·s for i &lt; n, vectorised: a row's scatter into the
    /// gradient (g[j] += X[i, j]·c). Each entry gets the same product and sum as the loop's (not fused), so the same bits.
    /// </summary>
    public static void AddScaled(double[] x, int xOffset, double s, double[] destination, int destinationOffset, int n)
    {
        var target = Out(destination, destinationOffset, n);
        TensorPrimitives.MultiplyAdd(In(x, xOffset, n), s, target, target);
    }
}
