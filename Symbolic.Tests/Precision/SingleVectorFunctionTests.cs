using System.Linq.Expressions;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Precision;

/// <summary>
/// <c>Jacobian</c>, <c>Jvp</c>, <c>Vjp</c> and the sparsity patterns of float vector functions: against finite differences
/// of the same model written in double (at the same float point), and their refusals of bad input.
/// </summary>
public class SingleVectorFunctionTests
{
    // A small robot arm and a chemical rate law: every output reads several inputs, one entry is structurally zero.
    private static readonly Expression<Func<float[], float[]>> Single = x => new[]
    {
        MathF.Cos(x[0]) + 0.5f * MathF.Cos(x[0] + x[1]),
        MathF.Sin(x[0]) + 0.5f * MathF.Sin(x[0] + x[1]),
        x[2] * MathF.Exp(-1.5f / (x[1] * x[1] + 1f)) * FunctionsF.Sigmoid(x[2] - x[0]),
    };

    private static readonly Func<double[], double>[] Double =
    [
        x => Math.Cos(x[0]) + 0.5 * Math.Cos(x[0] + x[1]),
        x => Math.Sin(x[0]) + 0.5 * Math.Sin(x[0] + x[1]),
        x => x[2] * Math.Exp(-1.5 / (x[1] * x[1] + 1)) * Functions.Sigmoid(x[2] - x[0]),
    ];

    private static readonly float[] Point = [0.7f, -1.3f, 2.1f];

    /// <summary>The Jacobian of the double twin by finite differences, at the float point.</summary>
    private static double[,] Reference()
    {
        var point = Point.Select(c => (double)c).ToArray();
        var jacobian = new double[Double.Length, point.Length];
        for (var r = 0; r < Double.Length; r++)
            for (var j = 0; j < point.Length; j++)
            {
                var estimate = FiniteDifference.Partial(Double[r], point, j);
                Assert.True(estimate.IsReliable(1e-9), $"the finite difference of output {r} along x[{j}] is not reliable: {estimate}");
                jacobian[r, j] = estimate.Derivative;
            }
        return jacobian;
    }

    // Each entry is a few float operations on values of magnitude about 1: well within 64 float roundings of 1.
    private static void Near(double expected, float actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= SingleTolerance.Relative * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");

    [Fact]
    public void The_float_jacobian_matches_finite_differences_of_the_double_model()
    {
        var (reference, jacobian) = (Reference(), Single.Jacobian().Compile()(Point));
        Assert.Equal(typeof(Func<float[], float[,]>), Single.Jacobian().Type);
        Assert.Equal((3, 3), (jacobian.GetLength(0), jacobian.GetLength(1)));
        for (var r = 0; r < 3; r++)
            for (var j = 0; j < 3; j++) Near(reference[r, j], jacobian[r, j], $"J[{r}, {j}]");
    }

    [Fact]
    public void Float_jvp_and_vjp_match_the_finite_difference_jacobian_times_a_vector()
    {
        var reference = Reference();
        float[] v = [0.25f, -2f, 1.5f];
        float[] u = [1f, -0.5f, 3f];
        var (jv, uj) = (Single.Jvp().Compile()(Point, v), Single.Vjp().Compile()(Point, u));
        for (var r = 0; r < 3; r++) Near(Enumerable.Range(0, 3).Sum(j => reference[r, j] * v[j]), jv[r], $"(J·v)[{r}]");
        for (var j = 0; j < 3; j++) Near(Enumerable.Range(0, 3).Sum(r => reference[r, j] * u[r]), uj[j], $"(uᵀJ)[{j}]");
    }

    [Fact]
    public void The_float_sparsity_patterns_are_the_structural_ones()
    {
        Assert.Equal([(0, 0), (0, 1), (1, 0), (1, 1), (2, 0), (2, 1), (2, 2)], Single.JacobianSparsity());
        Expression<Func<float[], float>> separable = x => x[0] * x[0] + MathF.Sin(x[1]) * x[2];
        Assert.Equal([(0, 0), (1, 1), (1, 2), (2, 1)], separable.HessianSparsity());
    }

    [Fact]
    public void Bad_input_to_the_float_vector_entry_points_is_refused_with_a_clear_exception()
    {
        Expression<Func<float[], float[]>>? none = null;
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => none!.Jacobian()).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => none!.Jvp()).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => none!.Vjp()).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => none!.JacobianSparsity()).ParamName);
        Expression<Func<float, float, float, float>>? three = null;
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => three!.Partial(0)).ParamName);
        Expression<Func<float, float, float, float>> g = (a, b, c) => a * b * c;
        Assert.Equal("parameterIndex", Assert.Throws<ArgumentOutOfRangeException>(() => g.Partial(3)).ParamName);

        // A double computed from the variables inside a float vector function: refused, quoting the conversion.
        Expression<Func<float[], float[]>> mixed = x => new[] { x[0] * x[1], (float)Math.Exp(x[0]) };
        Assert.Contains("Convert(x[0], Double)", Assert.Throws<NotSupportedException>(() => mixed.Jacobian()).Message);
        Assert.Contains("Convert(x[0], Double)", Assert.Throws<NotSupportedException>(() => mixed.Vjp()).Message);

        var jvp = Single.Jvp().Compile();
        Assert.Equal("v", Assert.Throws<ArgumentException>(() => jvp(Point, new float[2])).ParamName);
        var vjp = Single.Vjp().Compile();
        Assert.Equal("u", Assert.Throws<ArgumentException>(() => vjp(Point, new float[2])).ParamName);
    }
}
