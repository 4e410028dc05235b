using FsCheck.Xunit;
using Symbolic.Tests.Generators;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Properties;

/// <summary>
/// The two oracles against each other, with no library involved: the dual-number interpreter's first
/// and second partials agree with finite differences of the model and of the interpreter's own first
/// partial. A wrong entry in the oracle's calculus would otherwise pass for a library bug, or hide one.
/// </summary>
public class OracleAgreementProperties
{
    [Property(MaxTest = 1000, Arbitrary = [typeof(OneToFourVariables)])]
    public void The_dual_number_oracle_agrees_with_finite_differences_on_first_and_second_partials(GeneratedFunction f)
    {
        var model = CompiledBothWays.Untyped(f.Lambda.Compile());
        foreach (var point in f.SmoothPoints)
        {
            for (var i = 0; i < f.Arity; i++)
            {
                var index = i;
                var oracle = DualInterpreter.Evaluate(f.Lambda, point, first: i, second: i).Number;
                var first = FiniteDifference.Partial(model, point, i);
                if (FiniteDifferenceChecks.Trust(f.Lambda, point, i, first))
                    Tolerance.AssertAgree($"the oracle's ∂f/∂x{i} disagrees with finite differences", f.Lambda, point, first.Derivative, oracle.D1, 1, FiniteDifferenceChecks.Agreement);
                var second = FiniteDifference.Partial(p => DualInterpreter.Evaluate(f.Lambda, p, first: index).Number.D1, point, i);
                if (FiniteDifferenceChecks.Trust(f.Lambda, point, i, second))
                    Tolerance.AssertAgree($"the oracle's ∂²f/∂x{i}² disagrees with finite differences of its ∂f/∂x{i}", f.Lambda, point, second.Derivative, oracle.D12, 1, FiniteDifferenceChecks.Agreement);
            }
        }
    }
}
