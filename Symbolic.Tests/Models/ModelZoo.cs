namespace Symbolic.Tests.Models;

/// <summary>
/// Classic unconstrained optimisation test functions (Moré, Garbow and Hillstrom 1981, and a few textbook
/// ones), each with f as an expression tree, its gradient written out by hand, and its usual test points.
/// Shared by the tests and the benchmarks; nothing here depends on Symbolic or on a test framework.
/// </summary>
public static partial class ModelZoo
{
    /// <summary>Every model, in the order of the literature.</summary>
    public static IReadOnlyList<TestFunction> All =>
    [
        Rosenbrock, FreudensteinRoth, PowellBadlyScaled, BrownBadlyScaled, Beale, JennrichSampson,
        HelicalValley, Bard, Gaussian, Meyer, Gulf, Box3D, PowellSingular, Wood, KowalikOsborne,
        BiggsExp6, Watson, ExtendedRosenbrock, Trigonometric, BroydenTridiagonal,
        Booth, Himmelblau, ThreeHumpCamel, Matyas,
    ];

    /// <summary>The model with this <see cref="TestFunction.Name"/>.</summary>
    public static TestFunction ByName(string name) =>
        All.SingleOrDefault(m => m.Name == name) ?? throw new ArgumentException($"No model named '{name}'.", nameof(name));
}
