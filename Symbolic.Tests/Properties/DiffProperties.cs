using FsCheck.Xunit;
using Symbolic.Tests.Generators;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Properties;

/// <summary>Diff and Diff∘Diff of random one-variable models, against the dual-number oracle and finite differences.</summary>
public class DiffProperties
{
    [Property(MaxTest = 1000, Arbitrary = [typeof(OneVariable)])]
    public void The_derivative_agrees_with_the_dual_number_oracle_and_with_finite_differences(GeneratedFunction f)
    {
        var derivative = new CompiledBothWays(f.Univariate.Diff());
        var model = f.Univariate.Compile();
        foreach (var point in f.SmoothPoints)
        {
            var actual = derivative.At(point);
            var oracle = DualInterpreter.Evaluate(f.Lambda, point, first: 0);
            Tolerance.AssertAgree("Diff(f) disagrees with the dual-number oracle", f.Lambda, point, oracle.Number.D1, actual, oracle.Scale.D1);
            var numerical = FiniteDifference.Derivative(model, point[0]);
            if (FiniteDifferenceChecks.Trust(f.Lambda, point, 0, numerical))
                Tolerance.AssertAgree("Diff(f) disagrees with finite differences", f.Lambda, point, numerical.Derivative, actual, 1, FiniteDifferenceChecks.Agreement);
        }
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(OneVariable)])]
    public void The_derivative_of_the_derivative_agrees_with_the_oracles_second_derivative(GeneratedFunction f)
    {
        var second = new CompiledBothWays(f.Univariate.Diff().Diff());
        foreach (var point in f.SmoothPoints)
        {
            var oracle = DualInterpreter.Evaluate(f.Lambda, point, first: 0, second: 0);
            Tolerance.AssertAgree("Diff(Diff(f)) disagrees with the dual-number oracle", f.Lambda, point, oracle.Number.D12, second.At(point), oracle.Scale.D12);
        }
    }
}
