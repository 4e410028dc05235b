using System.Linq.Expressions;

namespace Symbolic.Tests.Robustness;

/// <summary>
/// A compiled gradient writes its buffer while it reads the parameters and the data: a buffer that is one of those
/// arrays would silently change what is read. Such calls are refused; an array passed both as w and as data is only
/// read, and is fine.
/// </summary>
public class AliasingTests
{
    private static readonly Expression<Func<double[], double>> Plain = x => x[0] * x[1] + Math.Sin(x[2]);

    private static readonly Expression<Func<double[], double[], double>> Linq = (w, d) => d.Sum(t => Math.Pow(w[0] * t - w[1], 2));

    private static readonly Expression<Func<double[], double[,], double>> Dense =
        (w, a) => Enumerable.Range(0, a.GetLength(0)).Sum(i => Math.Pow(Linalg.MatVec(a, w)[i] - i, 2));

    [Fact]
    public void A_gradient_buffer_that_is_the_point_itself_is_refused_and_left_untouched()
    {
        double[] x = [1, 2, 3];

        var error = Assert.Throws<ArgumentException>(() => Plain.CompileGradient()(x, x));

        Assert.Equal("gradient", error.ParamName);
        Assert.Equal([1.0, 2, 3], x);
    }

    [Fact]
    public void A_dense_model_refuses_a_gradient_buffer_that_is_its_parameters()
    {
        var a = new double[,] { { 1, 2 }, { 3, 4 }, { -1, 0.5 } };
        double[] w = [0.5, -0.25];

        var error = Assert.Throws<ArgumentException>(() => Dense.CompileGradient()(w, a, w));

        Assert.Equal("gradient", error.ParamName);
        Assert.Equal([0.5, -0.25], w);
    }

    [Fact]
    public void A_linq_model_refuses_a_gradient_buffer_that_is_its_data()
    {
        double[] shared = [0.5, 1.5];

        var error = Assert.Throws<ArgumentException>(() => Linq.CompileGradient()([0.5, 1.5], shared, shared));

        Assert.Equal("gradient", error.ParamName);
        Assert.Contains("data", error.Message);
    }

    [Fact]
    public void Data_that_is_the_same_array_as_w_is_only_read_so_value_and_gradient_are_right()
    {
        double[] w = [0.5, 1.5];
        var gradient = new double[2];

        var value = Linq.CompileGradient()(w, w, gradient);

        // Closed form of Σ (w0·t − w1)² over t in (0.5, 1.5), with the data held constant.
        var residuals = w.Select(t => (T: t, R: w[0] * t - w[1])).ToList();
        Assert.Equal(Linq.Compile()(w, [.. w]), value);
        Assert.Equal(residuals.Sum(p => 2 * p.R * p.T), gradient[0], 12);
        Assert.Equal(residuals.Sum(p => -2 * p.R), gradient[1], 12);
    }

    [Fact]
    public void Empty_arrays_that_are_one_shared_instance_are_not_taken_for_aliasing()
    {
        // [] is Array.Empty<double>(): x and the buffer are the same object, and nothing is written.
        Expression<Func<double[], double>> f = x => x.Sum(v => v * v);
        double[] empty = [];

        Assert.Equal(0.0, f.CompileGradient()(empty, empty));
    }
}
