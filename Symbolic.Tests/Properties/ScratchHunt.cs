using FsCheck;
using FsCheck.Fluent;
using Symbolic.Tests.Generators;

namespace Symbolic.Tests.Properties;

public class ScratchHunt
{
    private static readonly int N = int.Parse(Environment.GetEnvironmentVariable("HUNT_N") ?? "100");
    private static void Run(int min, int max, Action<GeneratedFunction> body) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(N).WithEndSize(100), Prop.ForAll(FunctionArbitrary.Of(min, max), body));

    [Fact] public void HuntDiff() => Run(1, 1, new DiffProperties().The_derivative_agrees_with_the_dual_number_oracle_and_with_finite_differences);
    [Fact] public void HuntDiff2() => Run(1, 1, new DiffProperties().The_derivative_of_the_derivative_agrees_with_the_oracles_second_derivative);
    [Fact] public void HuntPartial() => Run(2, 4, new PartialProperties().Every_partial_derivative_agrees_with_the_dual_number_oracle_and_with_finite_differences);
    [Fact] public void HuntMixed() => Run(2, 4, new PartialProperties().A_partial_of_a_partial_agrees_with_the_oracles_mixed_second_derivative);
    [Fact] public void HuntExact() => Run(1, 4, new SimplifyProperties().Simplify_by_default_computes_exactly_what_the_model_computes_even_at_special_values);
    [Fact] public void HuntAlgebraic() => Run(1, 4, new SimplifyProperties().Simplify_at_the_rounding_and_algebraic_levels_agrees_with_the_model);
}
