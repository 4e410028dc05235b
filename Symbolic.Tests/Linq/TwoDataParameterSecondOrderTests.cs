using System.Linq.Expressions;
using Symbolic.Tests.Backpropagation;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Linq;

/// <summary>
/// Hessian&lt;T1, T2&gt; and Hvp&lt;T1, T2&gt;: models over two data parameters, against central differences (Ridders) of
/// the hand-written gradient.
/// </summary>
public class TwoDataParameterSecondOrderTests
{
    /// <summary>Weighted least squares over (xs, ys), weight 1 + x², plus a tanh term per datum and a sine outside the loop.</summary>
    internal static readonly Expression<Func<double[], double[], double[], double>> WeightedLeastSquares = (w, xs, ys) =>
        xs.Zip(ys, (x, y) => (1 + x * x) * (w[0] * x + w[1] - y) * (w[0] * x + w[1] - y) + Math.Tanh(w[2] * x) * y).Sum() + Math.Sin(w[0] * w[1]);

    internal static readonly double[] Xs = [-1.5, -0.4, 0.3, 0.9, 2.2];
    internal static readonly double[] Ys = [0.7, -1.1, 0.25, 1.6, -0.8];

    /// <summary>∇_w of <see cref="WeightedLeastSquares"/>, written out.</summary>
    internal static double[] WeightedLeastSquaresGradient(double[] w, double[] xs, double[] ys)
    {
        var g = new double[3];
        for (var i = 0; i < xs.Length; i++)
        {
            var (x, y) = (xs[i], ys[i]);
            var (c, r, t) = (1 + x * x, w[0] * x + w[1] - y, Math.Tanh(w[2] * x));
            g[0] += 2 * c * r * x;
            g[1] += 2 * c * r;
            g[2] += (1 - t * t) * x * y;
        }
        g[0] += Math.Cos(w[0] * w[1]) * w[1];
        g[1] += Math.Cos(w[0] * w[1]) * w[0];
        return g;
    }

    /// <summary>H[i, j] = ∂gᵢ/∂wⱼ by Ridders' extrapolated central differences of the gradient, each estimate checked reliable.</summary>
    internal static double[,] DifferencedHessian(Func<double[], double[]> gradient, double[] w)
    {
        var h = new double[w.Length, w.Length];
        for (var i = 0; i < w.Length; i++)
            for (var j = 0; j < w.Length; j++)
            {
                var row = i;
                var estimate = FiniteDifference.Partial(p => gradient([.. p])[row], w, j);
                Assert.True(estimate.IsReliable(1e-9), $"H[{i}, {j}]: the difference is not reliable ({estimate}).");
                h[i, j] = estimate.Derivative;
            }
        return h;
    }

    internal static double[] Times(double[,] m, double[] v) =>
        [.. Enumerable.Range(0, m.GetLength(0)).Select(i => Enumerable.Range(0, v.Length).Sum(j => m[i, j] * v[j]))];

    [Fact]
    public void The_Hessian_of_weighted_least_squares_over_xs_and_ys_is_the_differenced_gradient()
    {
        double[] w = [0.6, -0.3, 0.8];
        var expected = DifferencedHessian(p => WeightedLeastSquaresGradient(p, Xs, Ys), w);

        var hessian = WeightedLeastSquares.Hessian().Compile()(w, Xs, Ys);

        Close.Matrices(expected, hessian, 1e-8, floor: 1);
    }

    [Fact]
    public void The_Hessian_vector_product_over_xs_and_ys_is_the_differenced_gradient_times_the_vector()
    {
        double[] w = [0.6, -0.3, 0.8];
        double[] v = [1.0, -2.0, 0.5];
        var expected = Times(DifferencedHessian(p => WeightedLeastSquaresGradient(p, Xs, Ys), w), v);

        var product = WeightedLeastSquares.Hvp().Compile()(w, v, Xs, Ys);

        Close.Vectors(expected, product, 1e-8, floor: 1);
    }

    [Fact]
    public void Without_loops_the_Hessian_and_Hvp_over_two_data_parameters_are_the_differenced_gradient()
    {
        // f = a₀·w₀²·w₁ + exp(b₁·w₁)·w₀: g = (2a₀w₀w₁ + e, a₀w₀² + b₁·e·w₀), e = exp(b₁w₁).
        Expression<Func<double[], double[], double[], double>> f = (w, a, b) => a[0] * w[0] * w[0] * w[1] + Math.Exp(b[1] * w[1]) * w[0];
        double[] a = [1.5], b = [0, -0.7];
        double[] w = [0.4, 1.3], v = [2.0, -1.0];
        var expected = DifferencedHessian(p =>
        {
            var e = Math.Exp(b[1] * p[1]);
            return [2 * a[0] * p[0] * p[1] + e, a[0] * p[0] * p[0] + b[1] * e * p[0]];
        }, w);

        Close.Matrices(expected, f.Hessian().Compile()(w, a, b), 1e-8, floor: 1);
        Close.Vectors(Times(expected, v), f.Hvp().Compile()(w, v, a, b), 1e-8, floor: 1);
    }

    [Fact]
    public void Null_arguments_are_rejected_with_their_names()
    {
        Expression<Func<double[], double[], double[], double>> none = null!;
        double[] w = [0.6, -0.3, 0.8], v = [1.0, 0, 0];

        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => none.Hessian()).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => none.Hvp()).ParamName);
        var hessian = WeightedLeastSquares.Hessian().Compile();
        var hvp = WeightedLeastSquares.Hvp().Compile();
        Assert.Equal("w", Assert.Throws<ArgumentNullException>(() => hessian(null!, Xs, Ys)).ParamName);
        Assert.Equal("xs", Assert.Throws<ArgumentNullException>(() => hessian(w, null!, Ys)).ParamName);
        Assert.Equal("ys", Assert.Throws<ArgumentNullException>(() => hessian(w, Xs, null!)).ParamName);
        Assert.Equal("v", Assert.Throws<ArgumentNullException>(() => hvp(w, null!, Xs, Ys)).ParamName);
        Assert.Equal("ys", Assert.Throws<ArgumentNullException>(() => hvp(w, v, Xs, null!)).ParamName);
    }
}
