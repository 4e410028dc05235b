using System.Linq.Expressions;

namespace Symbolic.Tests.Folds;

/// <summary>Reverse mode through LINQ's Aggregate: table tests against closed forms and finite differences.</summary>
public class FoldGradientTests
{
    [Fact]
    public void The_product_of_the_elements_has_the_product_of_the_others_as_gradient()
    {
        Expression<Func<double[], double>> f = x => x.Aggregate(1.0, (p, v) => p * v);
        double[] point = [1.5, -0.75, 2.25, 0.5];
        var gradient = FoldAssert.GradientMatchesFiniteDifferences(f, point);
        for (var i = 0; i < point.Length; i++)
            Assert.Equal(point.Where((_, j) => j != i).Aggregate(1.0, (p, v) => p * v), gradient[i], 12);
    }
}
