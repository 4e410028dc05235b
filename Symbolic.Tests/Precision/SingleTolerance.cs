using System.Linq.Expressions;
using Symbolic.Tests.Oracles;
using Xunit.Sdk;

namespace Symbolic.Tests.Precision;

/// <summary>
/// How close a float result must be to the double oracle: the oracle's scale (<see cref="TrackedDual"/>: a bound,
/// in roundings of one operation, on how far any correct evaluation order may land) times a few float roundings.
/// </summary>
public static class SingleTolerance
{
    /// <summary>The unit roundoff of float, 2⁻²⁴.</summary>
    public const double UnitRoundoff = 1.0 / (1 << 24);

    /// <summary>
    /// 64 roundings of the scale: MathF's functions are within a couple of ulps, a derivative is a few operations on
    /// values each rounded once, and the scale already carries the model's condition (cancellation, amplification).
    /// </summary>
    public const double Relative = 64 * UnitRoundoff;

    /// <summary>
    /// The absolute floor, <see cref="Relative"/> of 1: a derivative formula that reads a saturating value (1 − tanh² u at
    /// tanh u ≈ 1) keeps that value's rounding as an absolute error, which the oracle's scale (tanh′ taken analytically)
    /// does not see. Double's own floor (<see cref="Tolerance.Absolute"/>, 10⁻¹²) is some 4,500 double roundings of 1;
    /// this one is 64 float roundings.
    /// </summary>
    public const double Absolute = Relative;

    /// <summary>Fails unless the float result agrees with the double oracle within <see cref="Relative"/> of the scale, or <see cref="Absolute"/>.</summary>
    public static void AssertAgree(string claim, LambdaExpression f, IReadOnlyList<double> point, double expected, float actual, double scale)
    {
        if (!Agree(expected, actual, scale))
            throw new XunitException(Tolerance.Describe(claim, f, point, expected, actual, $"(float, scale {scale:G3})"));
    }

    /// <summary>Whether the float result agrees with the double oracle within <see cref="Relative"/> of the scale, or <see cref="Absolute"/>.</summary>
    public static bool Agree(double expected, float actual, double scale) => Tolerance.Agree(expected, actual, Math.Max(scale, Absolute / Relative), Relative);

    /// <summary>Fails unless the two floats are the same bits (any NaN equals any NaN).</summary>
    public static void AssertIdentical(string claim, LambdaExpression f, IReadOnlyList<double> point, float expected, float actual)
    {
        if (!(float.IsNaN(expected) && float.IsNaN(actual)) && BitConverter.SingleToInt32Bits(expected) != BitConverter.SingleToInt32Bits(actual))
            throw new XunitException(Tolerance.Describe(claim, f, point, expected, actual, "(float, bit for bit)"));
    }

    /// <summary>A Func of one to four floats as a function of a point of doubles (each converted to float).</summary>
    public static Func<double[], float> Untyped(Delegate d) => d switch
    {
        Func<float, float> f1 => p => f1((float)p[0]),
        Func<float, float, float> f2 => p => f2((float)p[0], (float)p[1]),
        Func<float, float, float, float> f3 => p => f3((float)p[0], (float)p[1], (float)p[2]),
        Func<float, float, float, float, float> f4 => p => f4((float)p[0], (float)p[1], (float)p[2], (float)p[3]),
        _ => throw new ArgumentException($"Expected a Func of one to four floats, got {d.GetType()}.", nameof(d)),
    };
}
