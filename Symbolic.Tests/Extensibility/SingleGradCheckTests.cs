using Symbolic.Verification;

namespace Symbolic.Tests.Extensibility;

/// <summary>GradCheck on float functions and gradients: correct float gradients pass with float's tolerances, wrong ones fail.</summary>
public class SingleGradCheckTests
{
    /// <summary>Rosenbrock plus a softplus coupling, in float; the gradient written by hand (an independent oracle).</summary>
    private static float F(float[] x) => 100 * Square(x[1] - x[0] * x[0]) + Square(1 - x[0]) + Softplus(x[2] * x[0]);

    private static float Gradient(float[] x, float[] g)
    {
        var a = x[1] - x[0] * x[0];
        var s = Sigmoid(x[2] * x[0]);
        g[0] = -400 * a * x[0] - 2 * (1 - x[0]) + s * x[2];
        g[1] = 200 * a;
        g[2] = s * x[0];
        return F(x);
    }

    private static float Square(float v) => v * v;

    private static float Softplus(float v) => v > 0 ? v + MathF.Log(1 + MathF.Exp(-v)) : MathF.Log(1 + MathF.Exp(v));

    private static float Sigmoid(float v) => 1 / (1 + MathF.Exp(-v));

    private static IEnumerable<float[]> Points()
    {
        var random = new Random(11);
        for (var i = 0; i < 20; i++) yield return [.. Enumerable.Range(0, 3).Select(_ => 4 * random.NextSingle() - 2)];
    }

    [Fact]
    public void A_correct_float_gradient_passes_with_float_tolerances()
    {
        var report = GradCheck.Check(F, Gradient, Points());

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(20 * (3 + GradCheckOptions.Single.RandomDirections), report.Comparisons);
    }

    [Fact]
    public void A_gradient_wrong_by_one_percent_in_one_component_fails_and_is_named()
    {
        float Wrong(float[] x, float[] g)
        {
            var value = Gradient(x, g);
            g[2] *= 1.01f;
            return value;
        }

        var report = GradCheck.Check(F, Wrong, Points());

        Assert.False(report.Passed);
        Assert.Equal(2, report.Component);
        Assert.Throws<GradCheckException>(() => GradCheck.Assert(F, Wrong, Points()));
    }

    [Fact]
    public void Float_tolerances_are_the_double_ones_scaled_by_the_cube_root_of_the_epsilon_ratio()
    {
        var ratio = Math.Cbrt((double)(float.BitIncrement(1f) - 1f) / (double.BitIncrement(1.0) - 1.0));
        var defaults = new GradCheckOptions();

        Assert.Equal(defaults.RelativeTolerance * ratio, GradCheckOptions.Single.RelativeTolerance, 1e-12);
        Assert.Equal(defaults.AbsoluteTolerance * ratio, GradCheckOptions.Single.AbsoluteTolerance, 1e-14);
    }

    [Fact]
    public void Null_float_arguments_are_named()
    {
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => GradCheck.Check((Func<float[], float>)null!, Gradient, Points())).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentNullException>(() => GradCheck.Check(F, (SingleGradientFunc)null!, Points())).ParamName);
    }
}
