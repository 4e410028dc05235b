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
        // The value against .NET's: both round the same arguments in different orders (cube(cube(v)) multiplied out), which
        // a badly conditioned f amplifies (cos(v⁹) at v⁹ ≈ 5,429: 1e-11). Allowed: 64 roundings times the condition
        // Σ|xⱼ·∂f/∂xⱼ|, measured on .NET's f by moving each xⱼ by 10⁻¹⁰ of itself (no derivative, so no aliasing: cos(x²¹⁶)).
        var condition = Enumerable.Range(0, SmoothTerm.Variables).Sum(j => Math.Abs(compiledF(Moved(c.Point, j, 1e-10)) - compiledF(Moved(c.Point, j, -1e-10))) / 2e-10);
        Assert.Equal(compiledF(c.Point), value, 1e-12 * (1 + Math.Abs(value)) + 64 * 2.220446049250313e-16 * condition);
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

        // An entry that is the small difference of terms of size about one (1 − tanh²(u) where tanh saturates, the mixed
        // partial of log(1 + h²) at a large h) is as far from the true value on both paths, in different roundings:
        // tanh((3.25 − x₁)²)'' at x₁ = −0.6 is −6.2233486e-11 (50 digits), the Hessian −6.2229848e-11, the Jacobian of the
        // gradient −6.2229777e-11. Such entries are compared to 10⁻¹³ absolute; the finite-difference property checks them.
        Close.Matrices(hessian, jacobianOfGradient, relative: 1e-9, absolute: 1e-13);
    });

    private static double[] Moved(double[] x, int j, double by)
    {
        var moved = (double[])x.Clone();
        moved[j] *= 1 + by;
        return moved;
    }

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
