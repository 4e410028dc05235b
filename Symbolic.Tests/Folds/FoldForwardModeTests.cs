using System.Linq.Expressions;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Folds;

/// <summary>Forward mode through a fold (the tangent carried by a fold of its own): Diff, Jvp and Jacobian against finite differences and closed forms.</summary>
public class FoldForwardModeTests
{
    [Fact]
    public void Diff_of_a_scalar_fold_matches_finite_differences()
    {
        Expression<Func<double, double>> f = x => Enumerable.Range(0, 25).Aggregate(x, (y, t) => y + 0.1 * Math.Sin(y * x + 0.2 * t));
        var derivative = f.Diff().Compile();
        var linq = f.Compile();
        foreach (var x in new[] { -1.3, 0.4, 2.2 })
        {
            var estimate = FiniteDifference.Derivative(linq, x);
            Assert.True(Math.Abs(estimate.Derivative - derivative(x)) <= 1e-6 * Math.Max(1, Math.Abs(estimate.Derivative)) + 4 * estimate.Error,
                $"f'({x}) = {derivative(x)} vs finite differences {estimate.Derivative}");
        }
    }

    [Fact]
    public void Diff_of_Euler_integration_matches_the_closed_form()
    {
        // y_N = 2 (1 − 0.01 a)^N, d/da = −0.01 N · 2 (1 − 0.01 a)^(N − 1)
        Expression<Func<double, double>> f = a => Enumerable.Range(0, 40).Aggregate(2.0, (y, t) => y - 0.01 * a * y);
        Assert.Equal(-0.01 * 40 * 2 * Math.Pow(1 - 0.01 * 1.5, 39), f.Diff().Compile()(1.5), 12);
    }

    [Fact]
    public void Jvp_and_Jacobian_of_vector_folds_match_finite_differences()
    {
        Expression<Func<double[], double[]>> f = x => new[]
        {
            Enumerable.Range(0, 6).Aggregate(1.0, (p, t) => p * Math.Cos(x[0] * t) + x[1]),
            Enumerable.Range(0, 10).Aggregate(new[] { x[0], x[1] }, (s, t) => new[] { s[0] + 0.1 * s[1], s[1] - 0.1 * x[2] * s[0] })[0],
        };
        double[] point = [0.3, -0.7, 1.4];
        var jacobian = f.Jacobian().Compile()(point);
        var jvp = f.Jvp().Compile();
        var linq = f.Compile();
        for (var column = 0; column < 3; column++)
        {
            var direction = new double[3];
            direction[column] = 1;
            var product = jvp(point, direction);
            for (var row = 0; row < 2; row++)
            {
                var estimate = FiniteDifference.Partial(x => linq(x)[row], point, column);
                Assert.True(Math.Abs(estimate.Derivative - jacobian[row, column]) <= 1e-6 + 4 * estimate.Error,
                    $"J[{row}, {column}] = {jacobian[row, column]} vs finite differences {estimate.Derivative}");
                Assert.Equal(jacobian[row, column], product[row], 12);
            }
        }
    }
}
