using System.Linq.Expressions;

namespace Symbolic.Tests.Rules;

/// <summary>
/// At <see cref="SimplificationLevel.Algebraic"/> — which assumes values are finite (docs/simplification.md) —
/// sub-expressions that are identically constant there (<c>x - x</c>, <c>x / x</c>, <c>0 * f(x)</c>) are folded before
/// differentiation, so a derivative through them is exactly that of a constant: zero, not the chain rule's
/// 0·∞ = NaN. <c>Exact</c> and <c>Rounding</c> fold nothing of the kind.
/// </summary>
public class AlgebraicFoldingTests
{
    private static readonly double[] Points = [-2.5, 0.5, 3];

    public static TheoryData<Expression<Func<double, double>>, double> ConstantInside => new()
    {
        // f, and its derivative (the function is a constant plus c·x).
        { x => Math.Sqrt(x - x), 0 },
        { x => Math.Sqrt(x / x - 1) + x, 1 },
        { x => Math.Sqrt(0 * Math.Sin(x)) + 2 * x, 2 },
        { x => Math.Pow(x - x, 0.5) * x + Math.Cbrt(x + 1 - x - 1), 0 },
    };

    [Theory]
    [MemberData(nameof(ConstantInside))]
    public void A_derivative_through_an_identically_constant_sub_expression_is_that_of_the_constant(Expression<Func<double, double>> f, double slope)
    {
        var derivative = f.Diff().Compile();

        foreach (var x in Points) Assert.Equal(slope, derivative(x));
    }

    [Fact]
    public void Grad_CompileGradient_and_Hessian_fold_the_same_way()
    {
        Expression<Func<double[], double>> f = w => Math.Sqrt(w[0] - w[0]) + w[1] * Math.Sqrt(w[1] / w[1] - 1) + w[0] * w[1];
        double[] w = [1.5, -2];

        var gradient = new double[2];
        f.CompileGradient()(w, gradient);

        // f is w0·w1 wherever it is finite.
        Assert.Equal([-2, 1.5], f.Grad().Compile()(w));
        Assert.Equal([-2, 1.5], gradient);
        Assert.Equal(new double[,] { { 0, 1 }, { 1, 0 } }, f.Hessian().Compile()(w));
    }

    [Fact]
    public void A_model_over_data_folds_terms_that_cancel_once_their_products_are_sorted()
    {
        Expression<Func<double[], double[], double>> f = (w, xs) => xs.Sum(x => Math.Sqrt(w[0] * x - x * w[0]) + w[1] * x);

        Assert.Equal([0, 3.5], f.Grad().Compile()([2, 5], [1, 2.5]));
    }

    [Theory]
    [InlineData(SimplificationLevel.Exact)]
    [InlineData(SimplificationLevel.Rounding)]
    public void Exact_and_Rounding_do_not_fold_what_is_constant_only_for_finite_values(SimplificationLevel level)
    {
        Expression<Func<double, double>> f = x => x - x + x / x;

        var simplified = f.Simplify(level).Compile();
        var derivative = Calculus.Diff(x => Math.Sqrt(x - x), level).Compile();

        // x − x is NaN at ∞ and x/x is NaN at 0; the chain rule at 0 is 0.5/sqrt(0)·0 = ∞·0 = NaN.
        Assert.True(double.IsNaN(simplified(double.PositiveInfinity)));
        Assert.True(double.IsNaN(simplified(0)));
        Assert.True(double.IsNaN(derivative(2)));
    }
}
