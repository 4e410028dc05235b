using System.Linq.Expressions;
using Symbolic.CodeGeneration;
using Symbolic.Tests.Models;
using Symbolic.Tests.Support;

namespace Symbolic.Tests.Backpropagation;

/// <summary>The cheap-gradient principle: backpropagation stays within a small constant of the function's size.</summary>
public class GradientSizeTests
{
    [Theory]
    [MemberData(nameof(ZooCases.Models), MemberType = typeof(ZooCases))]
    public void Grad_has_at_most_four_times_the_nodes_of_the_function(string name)
    {
        var f = ModelZoo.ByName(name).Function;

        var (functionSize, gradientSize) = (ExpressionSize.NodeCount(f), ExpressionSize.NodeCount(f.Grad()));

        Assert.True(gradientSize <= 4 * functionSize, $"{name}: f has {functionSize} nodes, Grad(f) has {gradientSize}.");
    }

    [Theory]
    [MemberData(nameof(ZooCases.Models), MemberType = typeof(ZooCases))]
    public void The_value_and_gradient_expression_has_at_most_four_times_the_nodes_of_the_function(string name)
    {
        var f = ModelZoo.ByName(name).Function;

        var gradient = f.GradientExpression();
        // The argument checks at the top are a constant cost (a compare per argument), not part of backpropagation.
        var checks = ((BlockExpression)gradient.Body).Expressions.Where(ArgumentGuards.IsGuard).Sum(ExpressionSize.NodeCount);
        var (functionSize, gradientSize) = (ExpressionSize.NodeCount(f), ExpressionSize.NodeCount(gradient) - checks);

        Assert.True(checks > 0, "the argument checks were not found");
        Assert.True(gradientSize <= 4 * functionSize, $"{name}: f has {functionSize} nodes, GradientExpression(f) has {gradientSize} besides its argument checks.");
    }

    [Fact]
    public void The_gradient_of_a_product_of_many_factors_grows_linearly_with_their_number()
    {
        // Naive symbolic differentiation of x0·x1·…·x(n-1) writes n products of n − 1 factors (quadratic);
        // reverse mode shares prefix and suffix products, so doubling n about doubles the gradient.
        var (small, large) = (Product(40), Product(80));

        var growth = (double)ExpressionSize.NodeCount(large.Grad()) / ExpressionSize.NodeCount(small.Grad());

        Assert.InRange(growth, 1.8, 2.2);
        var point = Enumerable.Range(0, 80).Select(i => 1 + i / 100.0).ToArray();
        var expected = Enumerable.Range(0, 80).Select(k => point.Where((_, i) => i != k).Aggregate(1.0, (p, v) => p * v)).ToArray();
        Close.Vectors(expected, large.Grad().Compile()(point), relative: 1e-12);
    }

    private static Expression<Func<double[], double>> Product(int factors)
    {
        var x = Expression.Parameter(typeof(double[]), "x");
        var product = Enumerable.Range(0, factors).Select(i => (Expression)Expression.ArrayIndex(x, Expression.Constant(i))).Aggregate(Expression.Multiply);
        return Expression.Lambda<Func<double[], double>>(product, x);
    }
}
