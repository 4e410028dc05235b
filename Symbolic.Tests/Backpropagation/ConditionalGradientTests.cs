using System.Linq.Expressions;

namespace Symbolic.Tests.Backpropagation;

/// <summary>Conditionals differentiate the branch taken and leak nothing (no NaN) from the branch not taken.</summary>
public class ConditionalGradientTests
{
    private static readonly Expression<Func<double[], double>> GuardedLog = x => x[0] > 0 ? Math.Log(x[0]) * x[1] : x[1] * x[1];

    [Theory]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    public void Grad_of_the_branch_taken_does_not_see_the_NaN_of_the_other_branch(double x0)
    {
        foreach (var gradient in new[] { GuardedLog.Grad().Compile(), GuardedLog.Grad().Compile(preferInterpretation: true) })
            Assert.Equal([0, 2 * 3.0], gradient([x0, 3]));
        var buffer = new double[2];
        GuardedLog.CompileGradient()([x0, 3], buffer);
        Assert.Equal([0, 2 * 3.0], buffer);
    }

    [Fact]
    public void Grad_differentiates_the_branch_taken()
    {
        Assert.Equal([3 / 2.0, Math.Log(2)], GuardedLog.Grad().Compile()([2, 3]));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    public void Hessian_and_Hvp_of_the_branch_taken_do_not_see_the_NaN_of_the_other_branch(double x0)
    {
        Assert.Equal(new double[,] { { 0, 0 }, { 0, 2 } }, GuardedLog.Hessian().Compile()([x0, 3]));
        Assert.Equal([0, 2 * 5.0], GuardedLog.Hvp().Compile()([x0, 3], [4, 5]));
    }

    [Fact]
    public void Hessian_differentiates_the_branch_taken()
    {
        Assert.Equal(new double[,] { { -3 / 4.0, 1 / 2.0 }, { 1 / 2.0, 0 } }, GuardedLog.Hessian().Compile()([2, 3]));
    }

    [Fact]
    public void A_sub_expression_shared_by_branches_with_different_guards_leaks_no_NaN_when_neither_is_taken()
    {
        // log(x0)·x1 is one shared node; its adjoint is (x0 > 0 ? 1 : 0) + (x0 > 1 ? 1 : 0), and its partial
        // for x1, log(x0), is NaN at x0 = -1: the product must not be formed there.
        Expression<Func<double[], double>> f = x => (x[0] > 0 ? Math.Log(x[0]) * x[1] : 0) + (x[0] > 1 ? Math.Log(x[0]) * x[1] : 0);

        Assert.Equal([0, 0.0], f.Grad().Compile()([-1, 3]));
        Assert.Equal(new double[2, 2], f.Hessian().Compile()([-1, 3]));
        Assert.Equal([3 / 2.0 * 2, Math.Log(2) * 2], f.Grad().Compile()([2, 3]));
    }
}
