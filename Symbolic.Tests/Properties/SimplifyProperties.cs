using FsCheck.Xunit;
using Symbolic.Tests.Generators;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Properties;

/// <summary>Simplify of random models of one to four variables, at each level, against the model itself.</summary>
public class SimplifyProperties
{
    // Where exactness must hold too: zeros of both signs, NaN, infinities, the extremes.
    private static readonly double[] SpecialValues =
        [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon, double.MaxValue, -double.MaxValue, -1e300, 1.0, -1.0];

    [Property(MaxTest = 1000, Arbitrary = [typeof(OneToFourVariables)])]
    public void Simplify_by_default_computes_exactly_what_the_model_computes_even_at_special_values(GeneratedFunction f)
    {
        var model = CompiledBothWays.Untyped(f.Lambda.Compile());
        var simplified = new CompiledBothWays(TypedCalls.Simplify(f.Lambda));
        foreach (var point in f.Points.Concat(SpecialPoints(f.Arity, f.Points.Count > 0 ? f.Points[0] : new double[f.Arity])))
        {
            double expected;
            try { expected = model(point); }
            catch (ArithmeticException) { continue; }   // Math.Sign(NaN) throws; Symbolic's sign returns NaN (documented)
            Tolerance.AssertIdentical("Simplify(f) is not identical to f", f.Lambda, point, expected, simplified.At(point));
        }
    }

    /// <summary>
    /// Every special value in every variable at once; every ordered pair of special values alternating over the
    /// variables (0 with −0, ∞ with −∞, NaN with a number ...); and each special value in one variable only, the
    /// others at an ordinary point.
    /// </summary>
    private static IEnumerable<double[]> SpecialPoints(int arity, double[] ordinary)
    {
        foreach (var s in SpecialValues) yield return [.. Enumerable.Repeat(s, arity)];
        if (arity > 1)
            foreach (var a in SpecialValues)
                foreach (var b in SpecialValues.Where(b => !Tolerance.Identical(a, b)))
                    yield return [.. Enumerable.Range(0, arity).Select(i => i % 2 == 0 ? a : b)];
        foreach (var s in SpecialValues)
            for (var k = 0; k < arity; k++)
                yield return [.. ordinary.Select((o, i) => i == k ? s : o)];
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(OneToFourVariables)])]
    public void Simplify_at_the_rounding_and_algebraic_levels_agrees_with_the_model(GeneratedFunction f)
    {
        var model = CompiledBothWays.Untyped(f.Lambda.Compile());
        var rounding = new CompiledBothWays(TypedCalls.Simplify(f.Lambda, SimplificationLevel.Rounding));
        var algebraic = new CompiledBothWays(TypedCalls.Simplify(f.Lambda, SimplificationLevel.Algebraic));
        foreach (var point in f.SmoothPoints)
        {
            var (expected, scale) = (model(point), DualInterpreter.Evaluate(f.Lambda, point).Scale.Value);
            Tolerance.AssertAgree("Simplify(f, Rounding) disagrees with f", f.Lambda, point, expected, rounding.At(point), scale);
            Tolerance.AssertAgree("Simplify(f, Algebraic) disagrees with f", f.Lambda, point, expected, algebraic.At(point), scale);
        }
    }
}
