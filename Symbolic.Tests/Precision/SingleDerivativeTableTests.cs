using System.Linq.Expressions;
using Symbolic.Tests.Rules;

namespace Symbolic.Tests.Precision;

/// <summary>
/// The rule table in float: every row of <see cref="DerivativeTableTests"/>, written in float (<see cref="SingleNarrowing"/>),
/// differentiated and simplified in float, against the same hand-written derivative evaluated in double at the float point.
/// </summary>
public class SingleDerivativeTableTests
{
    public static TheoryData<DerivativeTableTests.Row> Rows => DerivativeTableTests.Rows;

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_float_derivative_matches_the_hand_written_one_compiled_and_interpreted(DerivativeTableTests.Row row)
    {
        var single = (Expression<Func<float, float>>)SingleNarrowing.ToSingle(row.F);
        var derivative = single.Diff();
        var (compiled, interpreted) = (derivative.Compile(), derivative.Compile(preferInterpretation: true));

        foreach (var point in row.Points)
        {
            var x = (float)point;
            var expected = row.Derivative(x);
            // A rule is a few float operations, each within an ulp or two of its result (MathF): 16 roundings of the larger of 1 and |f′|.
            var tolerance = 16 * SingleTolerance.UnitRoundoff * Math.Max(1, Math.Abs(expected));
            Assert.True(Math.Abs(compiled(x) - expected) <= tolerance, $"{row.Name} at {x}: expected {expected}, compiled float gave {compiled(x)}");
            Assert.True(Math.Abs(interpreted(x) - expected) <= tolerance, $"{row.Name} at {x}: expected {expected}, interpreted float gave {interpreted(x)}");
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Exact_simplification_leaves_every_float_operation_bit_identical(DerivativeTableTests.Row row)
    {
        var single = (Expression<Func<float, float>>)SingleNarrowing.ToSingle(row.F);
        var (original, simplified) = (single.Compile(), single.Simplify().Compile());

        foreach (var x in row.Points.Select(p => (float)p).Concat([0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, float.MaxValue]))
        {
            if (row.Name == "sign" && float.IsNaN(x)) continue;   // MathF.Sign throws on NaN; Symbolic's sign returns NaN (documented)
            Assert.Equal(BitConverter.SingleToInt32Bits(original(x)), BitConverter.SingleToInt32Bits(simplified(x)));
        }
    }
}
