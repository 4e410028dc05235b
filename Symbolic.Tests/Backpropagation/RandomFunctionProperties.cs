using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Symbolic.Tests.Backpropagation;

/// <summary>
/// Properties over random smooth functions of x[0..3] (see <see cref="RandomFunctions"/>), checked against
/// Richardson central differences of f compiled by .NET itself. A difference is accepted when it is within
/// 10⁻⁶ relative, or within ten times the finite differences' own error estimate.
/// </summary>
public class RandomFunctionProperties
{
    private const double Relative = 1e-6;

    [Property(MaxTest = 200)]
    public Property Grad_equals_finite_differences_of_the_function() => Prop.ForAll(RandomFunctions.Cases, c =>
    {
        var f = c.Body.ToLambda();
        var compiledF = f.Compile();
        var (estimate, error) = FiniteDifferences.JacobianWithError(x => [compiledF(x)], c.Point);

        var gradient = f.Grad().Compile()(c.Point);
        var interpreted = f.Grad().Compile(preferInterpretation: true)(c.Point);
        var buffer = new double[SmoothTerm.Variables];
        // The uncached form of CompileGradient: hundreds of random functions would churn the bounded delegate cache.
        var value = f.GradientExpression().Compile()(c.Point, buffer);

        for (var j = 0; j < SmoothTerm.Variables; j++)
        {
            // Each path against the differences, not against each other to 10⁻¹²: they round in different orders, and a
            // badly conditioned term (sin((x₀x₁)²⁷), an argument of 5,000 read to 27 roundings) amplifies that to 10⁻¹¹.
            AssertNear(estimate[0, j], error[0, j], gradient[j], $"Grad [{j}] of {c}");
            AssertNear(estimate[0, j], error[0, j], buffer[j], $"CompileGradient [{j}] of {c}");
            AssertNear(estimate[0, j], error[0, j], interpreted[j], $"Grad interpreted [{j}] of {c}");
        }
        Assert.Equal(compiledF(c.Point), value, 1e-12 * (1 + Math.Abs(value)));
    });

    [Property(MaxTest = 200)]
    public Property Hessian_is_exactly_symmetric_and_equals_finite_differences_of_the_gradient() => Prop.ForAll(RandomFunctions.Cases, c =>
    {
        var f = c.Body.ToLambda();
        var gradient = f.Grad().Compile();
        var (estimate, error) = FiniteDifferences.JacobianWithError(gradient, c.Point);

        var hessian = f.Hessian().Compile()(c.Point);

        Close.ExactlySymmetric(hessian);
        for (var i = 0; i < SmoothTerm.Variables; i++)
            for (var j = 0; j < SmoothTerm.Variables; j++)
                AssertNear(estimate[i, j], error[i, j], hessian[i, j], $"Hessian [{i}, {j}] of {c}");
    });

    [Property(MaxTest = 200)]
    public Property Jacobian_of_Grad_equals_Hessian() => Prop.ForAll(RandomFunctions.Cases, c =>
    {
        var f = c.Body.ToLambda();

        var hessian = f.Hessian().Compile()(c.Point);
        var jacobianOfGradient = f.Grad().Jacobian().Compile()(c.Point);

        Close.Matrices(hessian, jacobianOfGradient, relative: 1e-9);
    });

    private static void AssertNear(double expected, double estimatedError, double actual, string what)
    {
        // Finite differences cannot see a function that oscillates faster than their smallest step
        // (cos of a sixth-degree polynomial of size 1e5): their own error estimate then exceeds a
        // thousandth of the value, and there is nothing to compare with. Jacobian_of_Grad_equals_Hessian
        // and the dual-number properties check those cases without differences.
        if (estimatedError > 1e-3 * (Math.Abs(expected) + 1)) return;
        var bound = Relative * (Math.Abs(expected) + 1e-6) + 10 * estimatedError;
        if (!(Math.Abs(actual - expected) <= bound))
            Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"{what}: finite differences {expected:R} (±{estimatedError:G3}), Symbolic {actual:R}."));
    }
}
