using System.Linq.Expressions;
using Symbolic.Tests.Backpropagation;

namespace Symbolic.Tests.Extensibility;

/// <summary>The stable building blocks: values and derivatives at extreme arguments, against closed forms.</summary>
public class FunctionsTests
{
    private static readonly double[] Extremes = [-1e300, -700, -30, -1e-20, 0, 1e-20, 30, 700, 1e300];

    public static TheoryData<string> Unary => ["Sigmoid", "Softplus", "LogSigmoid", "Erf"];

    [Fact]
    public void Values_at_extreme_arguments_are_finite_and_correct()
    {
        Assert.Equal(1.0, Functions.Sigmoid(700));
        Assert.Equal(Math.Exp(-700), Functions.Sigmoid(-700), Math.Exp(-700) * 1e-14);
        Assert.Equal(0.0, Functions.Sigmoid(-1e300));
        Assert.Equal(700.0, Functions.Softplus(700));
        Assert.Equal(1e300, Functions.Softplus(1e300));
        Assert.Equal(Math.Exp(-700), Functions.Softplus(-700), Math.Exp(-700) * 1e-14);
        Assert.Equal(-700.0, Functions.LogSigmoid(-700));
        Assert.Equal(-1e300, Functions.LogSigmoid(-1e300));
        Assert.Equal(1e-20, Functions.Log1p(1e-20));
        Assert.Equal(Math.Log(1e300), Functions.Log1p(1e300), 1e-13);
        Assert.Equal(1e-20, Functions.Expm1(1e-20));
        Assert.Equal(Math.Exp(709), Functions.Expm1(709), Math.Exp(709) * 1e-15);
        Assert.Equal(-1.0, Functions.Expm1(-1e300));
        Assert.Equal(1.4142135623730951e300, Functions.Hypot(1e300, 1e300), 1e285);
        Assert.Equal(1.0, Functions.Erf(1e300));
        Assert.Equal(-1.0, Functions.Erf(-700));
        Assert.Equal(1.0, Functions.Relu(1.0));
        Assert.Equal(1e300, Functions.Huber(1e300, 1.0));          // the linear branch: never squares a large residual
        Assert.Equal(0.125, Functions.Huber(-0.5, 1.0));
    }

    [Theory]
    [InlineData(0.1, 0.1124629160182848922)]
    [InlineData(0.5, 0.5204998778130465377)]
    [InlineData(1.0, 0.8427007929497148693)]
    [InlineData(1.5, 0.9661051464753107271)]
    [InlineData(2.0, 0.9953222650189527342)]
    [InlineData(2.5, 0.9995930479825550411)]
    [InlineData(3.0, 0.9999779095030014146)]
    [InlineData(4.0, 0.9999999845827420997)]
    [InlineData(1e-10, 1.1283791670955126e-10)]
    public void Erf_is_within_one_ulp_of_reference_values(double x, double expected)
    {
        Assert.True(Ulps(expected, Functions.Erf(x)) <= 1, $"erf({x}) = {Functions.Erf(x):R}, reference {expected:R}");
        Assert.Equal(-Functions.Erf(x), Functions.Erf(-x));
    }

    private static long Ulps(double a, double b) => Math.Abs(BitConverter.DoubleToInt64Bits(a) - BitConverter.DoubleToInt64Bits(b));

    [Theory]
    [MemberData(nameof(Unary))]
    public void First_and_second_derivatives_stay_finite_at_extreme_arguments(string name)
    {
        var f = UnaryFunction(name);
        var (first, second) = (f.Diff().Compile(), f.Diff().Diff().Compile());

        foreach (var x in Extremes)
        {
            Assert.True(double.IsFinite(first(x)), $"{name}'({x}) = {first(x)}");
            Assert.True(double.IsFinite(second(x)), $"{name}''({x}) = {second(x)}");
        }
    }

    [Fact]
    public void Derivatives_at_extreme_arguments_match_their_closed_forms()
    {
        Expression<Func<double, double>> softplus = x => Functions.Softplus(x);
        Expression<Func<double, double>> sigmoid = x => Functions.Sigmoid(x);
        Expression<Func<double, double>> logSigmoid = x => Functions.LogSigmoid(x);
        var (dSoftplus, dSigmoid, dLogSigmoid) = (softplus.Diff().Compile(), sigmoid.Diff().Compile(), logSigmoid.Diff().Compile());

        Assert.Equal(1.0, dSoftplus(700));
        Assert.Equal(Math.Exp(-700), dSoftplus(-700), Math.Exp(-700) * 1e-14);
        Assert.Equal(0.0, dSoftplus(-1e300));
        Assert.Equal(Math.Exp(-700), dSigmoid(700), Math.Exp(-700) * 1e-14);
        Assert.Equal(0.0, dSigmoid(1e300));
        Assert.Equal(1.0, dLogSigmoid(-700));
        Assert.Equal(0.0, dLogSigmoid(1e300));
    }

    [Theory]
    [MemberData(nameof(Unary))]
    public void Derivatives_agree_with_finite_differences_at_ordinary_arguments(string name)
    {
        var f = UnaryFunction(name);
        var (value, derivative) = (f.Compile(), f.Diff().Compile());

        foreach (var x in new[] { -3.1, -0.7, 0.05, 0.9, 2.6 })
        {
            var estimate = Oracles.FiniteDifference.Derivative(value, x);
            Assert.Equal(estimate.Derivative, derivative(x), 1e-8);
        }
    }

    [Fact]
    public void Log1p_Expm1_Hypot_and_Huber_have_their_derivatives()
    {
        Expression<Func<double[], double>> f = p => Functions.Log1p(p[0]) + Functions.Expm1(p[1]) + Functions.Hypot(p[0], p[1]) + Functions.Huber(p[1], 0.5);
        double[] point = [0.3, -2.0];

        var gradient = f.Grad().Compile()(point);

        var h = Math.Sqrt(0.09 + 4);
        Close.Vectors([1 / 1.3 + 0.3 / h, Math.Exp(-2) + -2 / h - 0.5], gradient, relative: 1e-15);
    }

    [Fact]
    public void Hypot_has_a_zero_subgradient_at_the_origin()
    {
        Expression<Func<double[], double>> f = p => Functions.Hypot(p[0], p[1]);

        Assert.Equal([0.0, 0.0], f.Grad().Compile()([0.0, 0.0]));
    }

    [Fact]
    public void LogSumExp_does_not_overflow_and_its_gradient_is_the_softmax()
    {
        Expression<Func<double[], double>> f = x => Functions.LogSumExp(x);
        double[] point = [1000, 1001, 999];

        var gradient = new double[3];
        var value = f.CompileGradient()(point, gradient);

        var total = Math.Exp(-1) + 1 + Math.Exp(-2);
        Assert.Equal(1001 + Math.Log(total), value, 1e-12);
        Assert.Equal(value, Functions.LogSumExp(point), 1e-12);
        Close.Vectors([Math.Exp(-1) / total, 1 / total, Math.Exp(-2) / total], gradient, relative: 1e-14);
    }

    [Fact]
    public void LogSumExp_over_a_LINQ_sequence_is_inlined_too()
    {
        Expression<Func<double[], double>> f = w => Functions.LogSumExp(Enumerable.Range(0, 3).Select(i => w[0] * i));

        var gradient = f.Grad().Compile()([2.0]);

        var weights = new[] { 1.0, Math.Exp(2), Math.Exp(4) };
        Assert.Equal((weights[1] + 2 * weights[2]) / weights.Sum(), gradient[0], 1e-14);
    }

    [Fact]
    public void LogSumExp_of_nothing_throws_as_Max_does()
    {
        Expression<Func<double[], double>> f = x => Functions.LogSumExp(x);

        Assert.Throws<InvalidOperationException>(() => Functions.LogSumExp([]));
        Assert.Throws<InvalidOperationException>(() => f.CompileGradient()([], []));
    }

    [Fact]
    public void Relu_and_LeakyRelu_are_inlined_as_conditionals()
    {
        Expression<Func<double[], double>> f = p => Functions.Relu(p[0]) + Functions.LeakyRelu(p[1], 0.01) + Functions.Sqr(p[2]);

        Assert.Equal([1.0, 0.01, 6.0], f.Grad().Compile()([2.0, -3.0, 3.0]));
        Assert.Equal([0.0, 1.0, -2.0], f.Grad().Compile()([-2.0, 3.0, -1.0]));
    }

    private static Expression<Func<double, double>> UnaryFunction(string name) => name switch
    {
        "Sigmoid" => x => Functions.Sigmoid(x),
        "Softplus" => x => Functions.Softplus(x),
        "LogSigmoid" => x => Functions.LogSigmoid(x),
        "Erf" => x => Functions.Erf(x),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
