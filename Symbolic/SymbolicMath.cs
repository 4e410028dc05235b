namespace Symbolic;

/// <summary>
/// Functions that derivative code calls where the <see cref="Math"/> version has an inconvenient
/// special case. Models may use them directly too.
/// </summary>
public static class SymbolicMath
{
    /// <summary>
    /// The sign of <paramref name="x"/> as a double: -1, 0 or 1, and NaN for NaN (where
    /// <see cref="Math.Sign(double)"/> throws). It is the derivative of |x| (0 at the kink).
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>-1, 0, 1, or NaN.</returns>
    public static double Sign(double x) => x > 0 ? 1.0 : x < 0 ? -1.0 : x == 0 ? 0.0 : double.NaN;

    /// <summary>The sign of <paramref name="x"/> as a float: -1, 0 or 1, and NaN for NaN (the derivative of |x| in float models).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>-1, 0, 1, or NaN.</returns>
    public static float Sign(float x) => x > 0 ? 1f : x < 0 ? -1f : x == 0 ? 0f : float.NaN;
}
