using FsCheck.Xunit;
using Symbolic.Tests.Generators;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Properties;

/// <summary>Simplify of random models of one to four variables, at each level, against the model itself.</summary>
public class SimplifyProperties
{
    // Where exactness must hold too: zeros, NaN, infinities, the extremes.
    private static readonly double[] SpecialValues = [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue, -1e300];

    [Property(MaxTest = 1000, Arbitrary = [typeof(OneToFourVariables)])]
    public void Simplify_by_default_computes_exactly_what_the_model_computes_even_at_special_values(GeneratedFunction f)
    {
        var model = CompiledBothWays.Untyped(f.Lambda.Compile());
        var simplified = new CompiledBothWays(TypedCalls.Simplify(f.Lambda));
        var specialPoints = SpecialValues.Select(s => Enumerable.Repeat(s, f.Arity).ToArray());
        foreach (var point in f.Points.Concat(specialPoints))
        {
            double expected;
            try { expected = model(point); }
            catch (ArithmeticException) { continue; }   // Math.Sign(NaN) throws; Symbolic's sign returns NaN (documented)
            Tolerance.AssertSame("Simplify(f) is not identical to f", f.Lambda, point, expected, simplified.At(point));
        }
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
