using System.Linq.Expressions;

namespace Symbolic.Tests.Backpropagation;

/// <summary>What backpropagation cannot read is refused with NotSupportedException naming the construct.</summary>
public class UnsupportedInputTests
{
    private static double NoRule(double v) => v * v;

    [Fact]
    public void A_data_dependent_index_is_differentiated_by_a_scatter()
    {
        Expression<Func<double[], double>> f = x => x[(int)x[0]] * x[1];
        double[] point = [2, 3, 5];

        Assert.Equal([0, 5, 3], f.Grad().Compile()(point));
        var buffer = new double[3];
        Assert.Equal(15, f.CompileGradient()(point, buffer));
        Assert.Equal([0, 5, 3], buffer);
        Assert.Equal([0, 7, 11], f.Hvp().Compile()(point, [1, 11, 7]));
        Assert.Equal(new double[,] { { 0, 0, 0 }, { 0, 0, 1 }, { 0, 1, 0 } }, f.Hessian().Compile()(point));
        Assert.Contains("not supported yet", Assert.Throws<NotSupportedException>(() => f.HessianSparsity()).Message);
    }

    [Fact]
    public void A_data_dependent_index_in_a_vector_function_is_refused_with_a_reason()
    {
        Expression<Func<double[], double[]>> f = x => new[] { x[0], x[(int)x[1]] };

        foreach (var call in new Action[] { () => f.Jacobian(), () => f.Jvp(), () => f.Vjp(), () => f.JacobianSparsity() })
            Assert.Contains("not supported yet", Assert.Throws<NotSupportedException>(call).Message);
    }

    [Fact]
    public void A_call_without_a_derivative_rule_is_named()
    {
        Expression<Func<double[], double>> f = x => NoRule(x[0]) + x[1];

        foreach (var call in new Action[] { () => f.Grad(), () => f.CompileGradient(), () => f.Hessian(), () => f.Hvp() })
        {
            var error = Assert.Throws<NotSupportedException>(call);
            Assert.Contains(nameof(NoRule), error.Message);
        }
    }

    [Fact]
    public void A_call_without_a_derivative_rule_in_a_tuple_gradient_is_named()
    {
        Expression<Func<double, double, double>> f = (x, y) => NoRule(x) * y;

        Assert.Contains(nameof(NoRule), Assert.Throws<NotSupportedException>(() => f.Grad()).Message);
    }

    [Fact]
    public void A_vector_function_that_is_not_an_array_of_expressions_is_refused_by_every_entry_point()
    {
        Expression<Func<double[], double[]>> f = x => x;

        foreach (var call in new Action[] { () => f.Jacobian(), () => f.Jvp(), () => f.Vjp(), () => f.JacobianSparsity() })
        {
            var error = Assert.Throws<NotSupportedException>(call);
            Assert.Contains("new[]", error.Message);
        }
    }

    [Fact]
    public void A_vector_function_built_by_a_method_call_names_the_method()
    {
        Expression<Func<double[], double[]>> f = x => x.Select(v => v * v).ToArray();

        var error = Assert.Throws<NotSupportedException>(() => f.Jacobian());

        Assert.Contains("ToArray", error.Message);
    }

    [Fact]
    public void Null_functions_throw_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => Calculus.Grad((Expression<Func<double[], double>>)null!));
        Assert.Throws<ArgumentNullException>(() => Calculus.CompileGradient(null!));
        Assert.Throws<ArgumentNullException>(() => Calculus.Jacobian(null!));
        Assert.Throws<ArgumentNullException>(() => Calculus.Hessian(null!));
    }
}
