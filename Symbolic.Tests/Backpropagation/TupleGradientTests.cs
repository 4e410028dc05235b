using System.Linq.Expressions;

namespace Symbolic.Tests.Backpropagation;

/// <summary>Gradients of functions of 2, 3 and 4 doubles come back as tuples.</summary>
public class TupleGradientTests
{
    [Fact]
    public void The_gradient_of_a_function_of_two_doubles_is_a_pair_of_partials()
    {
        Expression<Func<double, double, double>> f = (x, y) => x * x * y + Math.Sin(y);

        foreach (var gradient in new[] { f.Grad().Compile(), f.Grad().Compile(preferInterpretation: true) })
        {
            var (dx, dy) = gradient(1.5, -0.5);
            Assert.Equal(2 * 1.5 * -0.5, dx, 1e-14);
            Assert.Equal(1.5 * 1.5 + Math.Cos(-0.5), dy, 1e-14);
        }
    }

    [Fact]
    public void The_gradient_of_a_function_of_three_doubles_is_a_triple_of_partials()
    {
        Expression<Func<double, double, double, double>> f = (x, y, z) => x * y * z + Math.Exp(z);

        foreach (var gradient in new[] { f.Grad().Compile(), f.Grad().Compile(preferInterpretation: true) })
        {
            var (dx, dy, dz) = gradient(2, 3, 0.5);
            Assert.Equal(3 * 0.5, dx, 1e-14);
            Assert.Equal(2 * 0.5, dy, 1e-14);
            Assert.Equal(2 * 3 + Math.Exp(0.5), dz, 1e-14);
        }
    }

    [Fact]
    public void The_gradient_of_a_function_of_four_doubles_is_a_quadruple_of_partials()
    {
        Expression<Func<double, double, double, double, double>> f = (a, b, c, d) => a * b - c / d + Math.Log(d);

        foreach (var gradient in new[] { f.Grad().Compile(), f.Grad().Compile(preferInterpretation: true) })
        {
            var (da, db, dc, dd) = gradient(2, 3, 5, 4);
            Assert.Equal(3, da, 1e-14);
            Assert.Equal(2, db, 1e-14);
            Assert.Equal(-1 / 4.0, dc, 1e-14);
            Assert.Equal(5 / 16.0 + 1 / 4.0, dd, 1e-14);
        }
    }

    [Fact]
    public void A_parameter_the_function_ignores_has_a_zero_partial()
    {
        Expression<Func<double, double, double, double>> f = (x, unused, z) => x * z;

        var (dx, dUnused, dz) = f.Grad().Compile()(2, 7, 3);

        Assert.Equal((3.0, 0.0, 2.0), (dx, dUnused, dz));
    }

    [Fact]
    public void The_tuple_gradient_of_Rosenbrock_equals_the_array_gradient()
    {
        Expression<Func<double, double, double>> scalars = (a, b) => 100 * Math.Pow(b - a * a, 2) + Math.Pow(1 - a, 2);
        var tuple = scalars.Grad().Compile();
        var array = Models.ModelZoo.Rosenbrock.Function.Grad().Compile();

        foreach (var x in Models.ModelZoo.Rosenbrock.Points)
        {
            var (da, db) = tuple(x[0], x[1]);
            Close.Vectors(array(x), [da, db], relative: 1e-12);
        }
    }
}
