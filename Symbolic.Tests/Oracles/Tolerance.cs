using System.Globalization;
using System.Linq.Expressions;
using Xunit.Sdk;

namespace Symbolic.Tests.Oracles;

/// <summary>
/// How close two results must be. Derivatives computed in different orders round differently, so
/// "equal" means within a relative tolerance of the larger of the expected value and its rounding
/// scale (see <see cref="TrackedDual"/>), plus a tiny absolute floor. NaN equals NaN; infinities
/// equal only infinities of the same sign.
/// </summary>
public static class Tolerance
{
    /// <summary>About 4·10⁶ roundings of the scale: far above what reordering costs, far below what a wrong rule costs.</summary>
    public const double Relative = 1e-9;

    public const double Absolute = 1e-12;

    public static bool Agree(double expected, double actual, double scale = 0, double relative = Relative) =>
        double.IsNaN(expected) || double.IsNaN(actual) ? double.IsNaN(expected) && double.IsNaN(actual)
        : double.IsInfinity(expected) || double.IsInfinity(actual) ? expected == actual
        : Math.Abs(expected - actual) <= Allowed(expected, scale, relative);

    /// <summary>
    /// The same double: equal by <c>==</c> (so 0 equals -0, which .NET's own JIT does not keep apart
    /// reliably: see Math.Min with a -0.0 constant), or both NaN.
    /// </summary>
    public static bool Same(double expected, double actual) => expected == actual || (double.IsNaN(expected) && double.IsNaN(actual));

    /// <summary>
    /// The same double bit for bit (so -0 differs from +0), except that any NaN is the same as any other NaN: the
    /// payload of a NaN is not something a rewrite promises to keep.
    /// </summary>
    public static bool Identical(double expected, double actual) =>
        (double.IsNaN(expected) && double.IsNaN(actual)) || BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual);

    /// <summary>Fails with the claim, the function, the point, and both numbers unless they are <see cref="Identical"/>.</summary>
    public static void AssertIdentical(string claim, LambdaExpression f, IReadOnlyList<double> point, double expected, double actual)
    {
        if (!Identical(expected, actual))
            throw new XunitException(Describe(claim, f, point, expected, actual, "(bit for bit)"));
    }

    /// <summary>Fails with the claim, the function, the point, and both numbers unless they <see cref="Agree"/>.</summary>
    public static void AssertAgree(string claim, LambdaExpression f, IReadOnlyList<double> point, double expected, double actual, double scale = 0, double relative = Relative)
    {
        if (!Agree(expected, actual, scale, relative))
            throw new XunitException(Describe(claim, f, point, expected, actual, $"(tolerance {Allowed(expected, scale, relative):G3})"));
    }

    /// <summary>Fails with the claim, the function, the point, and both numbers unless they are the <see cref="Same"/>.</summary>
    public static void AssertSame(string claim, LambdaExpression f, IReadOnlyList<double> point, double expected, double actual)
    {
        if (!Same(expected, actual))
            throw new XunitException(Describe(claim, f, point, expected, actual, "(exactly)"));
    }

    public static string Describe(string claim, LambdaExpression f, IReadOnlyList<double> point, double expected, double actual, string how) =>
        $"""
        {claim}
          f:        {f}
          at:       ({string.Join(", ", point.Select(Format))})
          expected: {Format(expected)} {how}
          actual:   {Format(actual)}
        """;

    public static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static double Allowed(double expected, double scale, double relative) => Absolute + relative * Math.Max(Math.Abs(expected), scale);
}
