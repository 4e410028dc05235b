using System.Linq.Expressions;
using FsCheck.Xunit;
using Symbolic.Tests.Generators;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Precision;

/// <summary>
/// The derivative properties in float: random models (every operation Symbolic differentiates) written in float, their
/// derivatives computed in float, against the dual-number oracle evaluated in double on the same function (constants
/// rounded to float) at the same float point, within a few float roundings of the oracle's scale.
/// </summary>
public class SingleDerivativeProperties
{
    [Property(MaxTest = 500, Arbitrary = [typeof(OneVariable)])]
    public void The_float_derivative_agrees_with_the_double_oracle(GeneratedFunction f)
    {
        var oracleModel = SingleNarrowing.RoundConstants(f.Lambda);
        var derivative = SingleTolerance.Untyped(((Expression<Func<float, float>>)SingleNarrowing.ToSingle(f.Lambda)).Diff().Compile());
        foreach (var point in SingleNarrowing.ComparablePoints(f, oracleModel))
        {
            var oracle = DualInterpreter.Evaluate(oracleModel, point, first: 0);
            SingleTolerance.AssertAgree("the float Diff(f) disagrees with the double oracle", oracleModel, point, oracle.Number.D1, derivative(point), oracle.Scale.D1);
        }
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(TwoToFourVariables)])]
    public void Float_partial_derivatives_agree_with_the_double_oracle(GeneratedFunction f)
    {
        var oracleModel = SingleNarrowing.RoundConstants(f.Lambda);
        var single = SingleNarrowing.ToSingle(f.Lambda);
        for (var i = 0; i < f.Arity; i++)
        {
            var partial = SingleTolerance.Untyped(single.Partial(i).Compile());
            foreach (var point in SingleNarrowing.ComparablePoints(f, oracleModel))
            {
                var oracle = DualInterpreter.Evaluate(oracleModel, point, first: i);
                SingleTolerance.AssertAgree($"the float Partial(f, {i}) disagrees with the double oracle", oracleModel, point, oracle.Number.D1, partial(point), oracle.Scale.D1);
            }
        }
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(OneToFourVariables)])]
    public void The_exact_level_is_bit_exact_in_float(GeneratedFunction f)
    {
        var single = SingleNarrowing.ToSingle(f.Lambda);
        // The model interpreted, not compiled: the JIT of .NET 10.0.12 folds MathF.Min(-0f, x) and MathF.Min(x, -0f) to +0 at
        // x = +0, where IEEE 754 (and MathF.Min on variables) gives -0; a literal -0 arises here from Truncate(-0.115) folded.
        var model = SingleTolerance.Untyped(single.Compile(preferInterpretation: true));
        var simplified = SingleTolerance.Untyped(Simplified(single).Compile());
        float[] special = [0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, float.MaxValue, -float.MaxValue, 1f, -1f];
        var points = f.Points.Select(SingleNarrowing.Rounded).Concat(special.Select(s => Enumerable.Repeat((double)s, f.Arity).ToArray()));
        foreach (var point in points)
        {
            float expected;
            try { expected = model(point); }
            catch (ArithmeticException) { continue; }   // MathF.Sign(NaN) throws; Symbolic's sign returns NaN (documented)
            SingleTolerance.AssertIdentical("Simplify(f, Exact) of a float model is not identical to it", single, point, expected, simplified(point));
        }
    }

    private static LambdaExpression Simplified(LambdaExpression f) => f switch
    {
        Expression<Func<float, float>> f1 => f1.Simplify(SimplificationLevel.Exact),
        Expression<Func<float, float, float>> f2 => f2.Simplify(SimplificationLevel.Exact),
        Expression<Func<float, float, float, float>> f3 => f3.Simplify(SimplificationLevel.Exact),
        Expression<Func<float, float, float, float, float>> f4 => f4.Simplify(SimplificationLevel.Exact),
        _ => throw new ArgumentException("Expected a float model of one to four variables.", nameof(f)),
    };
}
