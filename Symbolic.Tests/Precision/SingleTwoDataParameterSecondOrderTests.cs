using System.Linq.Expressions;
using Symbolic.Tests.Linq;

namespace Symbolic.Tests.Precision;

/// <summary>
/// Float Hessian&lt;T1, T2&gt; and Hvp&lt;T1, T2&gt;: the double oracle (differences of the hand-written gradient) at the
/// same float point, within <see cref="SingleTolerance"/> of the Hessian's largest entry.
/// </summary>
public class SingleTwoDataParameterSecondOrderTests
{
    private static readonly Expression<Func<float[], float[], float[], float>> WeightedLeastSquares = (w, xs, ys) =>
        xs.Zip(ys, (x, y) => (1 + x * x) * (w[0] * x + w[1] - y) * (w[0] * x + w[1] - y) + MathF.Tanh(w[2] * x) * y).Sum() + MathF.Sin(w[0] * w[1]);

    private static readonly float[] Xs = [.. TwoDataParameterSecondOrderTests.Xs.Select(x => (float)x)];
    private static readonly float[] Ys = [.. TwoDataParameterSecondOrderTests.Ys.Select(y => (float)y)];
    private static readonly float[] W = [0.6f, -0.3f, 0.8f];
    private static readonly float[] V = [1f, -2f, 0.5f];

    private static double[] Widen(float[] a) => [.. a.Select(x => (double)x)];

    private static double[,] Oracle() => TwoDataParameterSecondOrderTests.DifferencedHessian(
        p => TwoDataParameterSecondOrderTests.WeightedLeastSquaresGradient(p, Widen(Xs), Widen(Ys)), Widen(W));

    [Fact]
    public void The_float_Hessian_over_xs_and_ys_agrees_with_the_double_oracle()
    {
        var expected = Oracle();
        var scale = expected.Cast<double>().Max(Math.Abs);

        var hessian = WeightedLeastSquares.Hessian().Compile()(W, Xs, Ys);

        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                SingleTolerance.AssertAgree($"H[{i}, {j}]", WeightedLeastSquares, Widen(W), expected[i, j], hessian[i, j], scale);
    }

    [Fact]
    public void The_float_Hessian_vector_product_over_xs_and_ys_agrees_with_the_double_oracle()
    {
        var h = Oracle();
        var expected = TwoDataParameterSecondOrderTests.Times(h, Widen(V));
        var scale = h.Cast<double>().Max(Math.Abs) * V.Sum(x => Math.Abs((double)x));

        var product = WeightedLeastSquares.Hvp().Compile()(W, V, Xs, Ys);

        for (var i = 0; i < 3; i++)
            SingleTolerance.AssertAgree($"Hvp[{i}]", WeightedLeastSquares, Widen(W), expected[i], product[i], scale);
    }

    [Fact]
    public void Null_arguments_are_rejected_with_their_names()
    {
        Expression<Func<float[], float[], float[], float>> none = null!;

        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => none.Hessian()).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => none.Hvp()).ParamName);
        var hessian = WeightedLeastSquares.Hessian().Compile();
        var hvp = WeightedLeastSquares.Hvp().Compile();
        Assert.Equal("xs", Assert.Throws<ArgumentNullException>(() => hessian(W, null!, Ys)).ParamName);
        Assert.Equal("ys", Assert.Throws<ArgumentNullException>(() => hessian(W, Xs, null!)).ParamName);
        Assert.Equal("v", Assert.Throws<ArgumentNullException>(() => hvp(W, null!, Xs, Ys)).ParamName);
    }
}
