using FsCheck.Xunit;
using Symbolic.Tests.Generators;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Properties;

/// <summary>Partial derivatives of random models of two to four variables, for every parameter.</summary>
public class PartialProperties
{
    [Property(MaxTest = 1000, Arbitrary = [typeof(TwoToFourVariables)])]
    public void Every_partial_derivative_agrees_with_the_dual_number_oracle_and_with_finite_differences(GeneratedFunction f)
    {
        var model = CompiledBothWays.Untyped(f.Lambda.Compile());
        var points = f.SmoothPoints.ToList();
        for (var i = 0; i < f.Arity; i++)
        {
            var partial = new CompiledBothWays(TypedCalls.Partial(f.Lambda, i));
            foreach (var point in points)
            {
                var actual = partial.At(point);
                var oracle = DualInterpreter.Evaluate(f.Lambda, point, first: i);
                Tolerance.AssertAgree($"Partial(f, {i}) disagrees with the dual-number oracle", f.Lambda, point, oracle.Number.D1, actual, oracle.Scale.D1);
                var numerical = FiniteDifference.Partial(model, point, i);
                if (FiniteDifferenceChecks.Trust(f.Lambda, point, i, numerical))
                    Tolerance.AssertAgree($"Partial(f, {i}) disagrees with finite differences", f.Lambda, point, numerical.Derivative, actual, 1, FiniteDifferenceChecks.Agreement);
            }
        }
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(TwoToFourVariables)])]
    public void A_partial_of_a_partial_agrees_with_the_oracles_mixed_second_derivative(GeneratedFunction f)
    {
        var points = f.SmoothPoints.ToList();
        for (var i = 0; i < f.Arity; i++)
        {
            // ∂²/∂xᵢ∂xᵢ₊₁ (cyclically): every parameter is differentiated first once and second once.
            var j = (i + 1) % f.Arity;
            var mixed = new CompiledBothWays(f.Lambda.Partial(i).Partial(j));
            foreach (var point in points)
            {
                var oracle = DualInterpreter.Evaluate(f.Lambda, point, first: i, second: j);
                Tolerance.AssertAgree($"Partial(Partial(f, {i}), {j}) disagrees with the dual-number oracle", f.Lambda, point, oracle.Number.D12, mixed.At(point), oracle.Scale.D12);
            }
        }
    }
}
