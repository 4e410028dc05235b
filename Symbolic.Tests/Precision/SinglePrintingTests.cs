using System.Linq.Expressions;

namespace Symbolic.Tests.Precision;

/// <summary>Float models print as their double twins do (math text, LaTeX), and FunctionsF keeps Functions' stability over float's range.</summary>
public class SinglePrintingTests
{
    [Fact]
    public void A_float_model_and_its_gradient_print_as_math_and_latex()
    {
        Expression<Func<float[], float>> f = x => MathF.Sin(x[0]) * x[1] + 2.5f * x[1] * x[1];
        Expression<Func<double[], double>> twin = x => Math.Sin(x[0]) * x[1] + 2.5 * x[1] * x[1];

        Assert.Equal(twin.ToMathString(), f.ToMathString());
        Assert.Equal(twin.ToLatex(), f.ToLatex());
        Assert.Equal(twin.Grad().ToMathString(), f.Grad().ToMathString());
    }

    [Fact]
    public void A_float_derivative_with_a_linq_sum_is_read_back_and_differentiated_again()
    {
        // Diff(f) emits its sum as a loop accumulating widened float terms in a double: Diff(Diff(f)) reads it back.
        float[] data = [0.5f, -1.25f, 2f];
        Expression<Func<float, float>> f = x => data.Sum(d => MathF.Sin(d * x));

        var second = f.Diff().Diff().Compile();

        foreach (var x in new[] { -0.7f, 0.4f, 1.9f })
        {
            var expected = data.Sum(d => -(double)d * d * Math.Sin((double)(d * x)));
            Assert.True(Math.Abs(second(x) - expected) <= 16 * SingleTolerance.UnitRoundoff * Math.Max(1, data.Sum(d => (double)d * d)), $"at {x}: {second(x):R}, expected {expected:R}");
        }
    }

    [Fact]
    public void FunctionsF_is_stable_over_the_float_range()
    {
        Assert.Equal(1f, FunctionsF.Sigmoid(100f));
        Assert.Equal(MathF.Exp(-80f), FunctionsF.Sigmoid(-80f), MathF.Exp(-80f) * 1e-5f);
        Assert.Equal(80f, FunctionsF.Softplus(80f));
        Assert.Equal(float.MaxValue, FunctionsF.Softplus(float.MaxValue));
        Assert.Equal(-80f, FunctionsF.LogSigmoid(-80f));
        Assert.Equal(1e-10f, FunctionsF.Log1p(1e-10f));
        Assert.Equal(1e-10f, FunctionsF.Expm1(1e-10f));
        Assert.Equal((float)Functions.Erf(0.5), FunctionsF.Erf(0.5f));
        Assert.Equal(5f, FunctionsF.LogSumExp([5f, float.NegativeInfinity]));
        Assert.Equal(100f + MathF.Log(2f), FunctionsF.LogSumExp([100f, 100f]));
    }

    [Fact]
    public void The_derivatives_of_FunctionsF_match_the_closed_forms_in_float()
    {
        Expression<Func<float, float>> f = x => FunctionsF.Softplus(x) + FunctionsF.Erf(x) + FunctionsF.LogSigmoid(2 * x) + FunctionsF.Expm1(x) + FunctionsF.Log1p(x * x);
        var derivative = f.Diff().Compile();

        foreach (var x in new[] { -3f, -0.2f, 0.7f, 4f })
        {
            var s = 1 / (1 + Math.Exp(-(double)x));
            var expected = s + 2 / Math.Sqrt(Math.PI) * Math.Exp(-(double)x * x) + 2 / (1 + Math.Exp(2.0 * x)) + Math.Exp(x) + 2.0 * x / (1 + (double)x * x);
            Assert.True(Math.Abs(derivative(x) - expected) <= 16 * SingleTolerance.UnitRoundoff * Math.Max(1, Math.Abs(expected)), $"at {x}: {derivative(x):R}, expected {expected:R}");
        }
    }
}
