using System.Linq.Expressions;

namespace Symbolic.Tests.Rules;

/// <summary>
/// A sum's constants and a like term's coefficients are folded to their correctly rounded sum, whatever order the terms
/// came in: the derivative of <c>(x − x) + c·x</c> is c exactly, where adding the coefficients as met (1 + c − 1) keeps
/// only the top digits of a small c. Found by <c>RandomFunctionProperties</c> (c = e^(−4.75²), Hessian entry
/// 1.58939084e-10 for 1.58939101e-10). The oracle is the closed form: the exact derivative is the constant c itself.
/// </summary>
public class SumFoldingTests
{
    public static TheoryData<double> Constants => new() { Math.Exp(-4.75 * 4.75), 0.1, 1e-10, -3.7e-12, 2.5e-300, 7.0 / 3 };

    private static readonly double[] Point = [-0.51, 1.27, 1.02, -1.23];

    /// <summary>x => ((x[3] − x[3]) + c·x[3])·x[0], c a literal.</summary>
    private static Expression<Func<double[], double>> Model(double c)
    {
        var x = Expression.Parameter(typeof(double[]), "x");
        Expression At(int i) => Expression.ArrayIndex(x, Expression.Constant(i));
        var inner = Expression.Add(Expression.Subtract(At(3), At(3)), Expression.Multiply(Expression.Constant(c), At(3)));
        return Expression.Lambda<Func<double[], double>>(Expression.Multiply(inner, At(0)), x);
    }

    [Theory]
    [MemberData(nameof(Constants))]
    public void The_mixed_second_derivative_is_the_constant_exactly_on_every_path(double c)
    {
        var f = Model(c);

        var hessian = f.Hessian().Compile()(Point);
        var jacobianOfGradient = f.Grad().Jacobian().Compile()(Point);

        Assert.Equal(c, hessian[0, 3]);
        Assert.Equal(c, hessian[3, 0]);
        Assert.Equal(c, jacobianOfGradient[0, 3]);
        Assert.Equal(c, jacobianOfGradient[3, 0]);
    }
}
