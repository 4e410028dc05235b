using System.Linq.Expressions;

namespace Symbolic.Tests.Rules;

/// <summary>
/// Math.Min against a constant −0: .NET's own run-time Math.Min(+0, −0) is −0, but its JIT compiles a literal −0
/// operand as +0. Symbolic folds constants, so a model whose constant part is −0 must still give −0 bit for bit.
/// The oracle is Math.Min evaluated with both operands read at run time.
/// </summary>
public class NegativeZeroMinimumTests
{
    private static double RuntimeMin(double a, double b) => Math.Min(a, b);

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-1.5")]
    [InlineData("2.5")]
    [InlineData("NaN")]
    [InlineData("-Infinity")]
    [InlineData("Infinity")]
    public void Min_with_a_constant_that_folds_to_negative_zero_keeps_its_sign(string point)
    {
        var x = double.Parse(point, System.Globalization.CultureInfo.InvariantCulture);
        Expression<Func<double, double, double>> f = (x, y) => Math.Min(x, Math.Truncate(-0.09)) + Math.Min(Math.Truncate(-0.09), y);
        var negativeZero = Math.Truncate(double.Parse("-0.09", System.Globalization.CultureInfo.InvariantCulture));
        var expected = RuntimeMin(x, negativeZero) + RuntimeMin(negativeZero, x);

        var simplified = f.Simplify().Compile()(x, x);

        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(simplified));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-1.5")]
    [InlineData("NaN")]
    public void Float_min_with_a_constant_negative_zero_keeps_its_sign(string point)
    {
        var x = float.Parse(point, System.Globalization.CultureInfo.InvariantCulture);
        Expression<Func<float, float>> f = x => MathF.Min(x, MathF.Truncate(-0.09f)) * 3;
        var negativeZero = MathF.Truncate(float.Parse("-0.09", System.Globalization.CultureInfo.InvariantCulture));
        var expected = MathF.Min(x, negativeZero) * 3;

        var simplified = Calculus.Simplify(f).Compile()(x);

        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(simplified));
    }
}
