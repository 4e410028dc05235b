using System.Linq.Expressions;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Folds;

/// <summary>
/// Hessian-vector products through folds (forward over reverse: the tangents of the stored states and of the reverse
/// sweep's adjoints carried by folds of their own) against finite differences of the gradient along the direction.
/// </summary>
public class FoldHvpTests
{
    public static TheoryData<string> Models => ["decay", "product", "oscillator", "tuple oscillator"];

    private static Expression<Func<double[], double>> Model(string name) => name switch
    {
        "decay" => x => Enumerable.Range(0, 12).Aggregate(x[2], (y, t) => y + 0.1 * Math.Sin(x[0] * y) - 0.05 * x[1] * y * y),
        "product" => x => x.Aggregate(1.0, (p, v) => p * Math.Cos(v) + v * v),
        "tuple oscillator" => x => Enumerable.Range(0, 15).Aggregate(ValueTuple.Create(x[2], 0.0),
            (s, t) => ValueTuple.Create(s.Item1 + 0.1 * s.Item2, s.Item2 - 0.1 * (x[0] * Math.Sin(s.Item1) + x[1] * s.Item2)), s => s.Item1 * s.Item1 + s.Item2),
        _ => x => Enumerable.Range(0, 15).Aggregate(new[] { x[2], 0.0 },
            (s, t) => new[] { s[0] + 0.1 * s[1], s[1] - 0.1 * (x[0] * Math.Sin(s[0]) + x[1] * s[1]) }, s => s[0] * s[0] + s[1]),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Hvp_matches_finite_differences_of_the_gradient(string name)
    {
        var f = Model(name);
        var hvp = f.Hvp().Compile();
        var gradient = f.CompileGradient();
        double[] point = [0.6, -0.4, 1.1], direction = [0.3, -1.2, 0.7];

        var product = hvp(point, direction);

        for (var i = 0; i < point.Length; i++)
        {
            var estimate = FiniteDifference.Derivative(h =>
            {
                var buffer = new double[point.Length];
                gradient([.. point.Select((p, k) => p + h * direction[k])], buffer);
                return buffer[i];
            }, 0);
            Assert.True(Math.Abs(estimate.Derivative - product[i]) <= 1e-6 * Math.Max(1, Math.Abs(estimate.Derivative)) + 4 * estimate.Error,
                $"(Hv)[{i}] = {product[i]} vs finite differences of the gradient {estimate.Derivative} ± {estimate.Error}");
        }
    }

    [Fact]
    public void The_Hessian_of_a_fold_matches_finite_differences_of_the_gradient()
    {
        var f = Model("decay");
        var hessian = f.Hessian().Compile()(new double[] { 0.6, -0.4, 1.1 });
        var gradient = f.CompileGradient();
        double[] point = [0.6, -0.4, 1.1];
        for (var row = 0; row < 3; row++)
            for (var column = 0; column < 3; column++)
            {
                var estimate = FiniteDifference.Partial(x =>
                {
                    var buffer = new double[3];
                    gradient(x, buffer);
                    return buffer[row];
                }, point, column);
                Assert.True(Math.Abs(estimate.Derivative - hessian[row, column]) <= 1e-6 * Math.Max(1, Math.Abs(estimate.Derivative)) + 4 * estimate.Error,
                    $"H[{row}, {column}] = {hessian[row, column]} vs finite differences {estimate.Derivative}");
            }
    }
}
