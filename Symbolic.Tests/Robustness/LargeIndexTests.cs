using System.Linq.Expressions;

namespace Symbolic.Tests.Robustness;

/// <summary>
/// The cost of differentiating a model follows its size, not the values of the constant indices it reads:
/// a two-node model reading x[100000000] compiles as fast as one reading x[1]. Oracles: the closed form
/// (∂(2·x[k])/∂x[k] = 2, zero elsewhere), checked on a short x with the same model read at a small index.
/// </summary>
public class LargeIndexTests
{
    private const int Large = 100_000_000;

    /// <summary>x =&gt; x[index] * 2, with the index a constant of the tree (a captured local would be data).</summary>
    private static Expression<Func<double[], double>> TwiceElement(int index)
    {
        var x = Expression.Parameter(typeof(double[]), "x");
        return Expression.Lambda<Func<double[], double>>(Expression.Multiply(Expression.ArrayIndex(x, Expression.Constant(index)), Expression.Constant(2.0)), x);
    }

    /// <summary>x =&gt; x[a] * x[b]: two elements far apart.</summary>
    private static Expression<Func<double[], double>> ProductOf(int a, int b)
    {
        var x = Expression.Parameter(typeof(double[]), "x");
        return Expression.Lambda<Func<double[], double>>(Expression.Multiply(Expression.ArrayIndex(x, Expression.Constant(a)), Expression.ArrayIndex(x, Expression.Constant(b))), x);
    }

    /// <summary>
    /// Runs <paramref name="action"/> and asserts it allocated little: code sized by the index took gigabytes (and half
    /// a minute) at x[10⁸], 1.7 GB at x[10⁶]; code sized by the model takes kilobytes.
    /// </summary>
    private static T Cheaply<T>(Func<T> action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = action();
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 20_000_000);
        return result;
    }

    [Fact]
    public void Compiling_the_gradient_of_a_model_reading_x_at_index_one_hundred_million_is_cheap()
    {
        TwiceElement(1).CompileGradient(); // warms the pipeline's own code: the cost measured below is the model's

        Cheaply(() => TwiceElement(Large).CompileGradient());
        Cheaply(() => TwiceElement(Large).GradientExpression());
    }

    [Fact]
    public void A_compiled_gradient_with_far_apart_entries_zeroes_every_gap_and_writes_the_entries()
    {
        // Gaps long (cleared by one call) and short (element by element), and the tail past the last entry.
        var gradient = Cheaply(() => ProductOf(2, 40).CompileGradient());
        var x = Enumerable.Range(0, 50).Select(i => 1.0 + i).ToArray();
        var buffer = Enumerable.Repeat(double.NaN, 50).ToArray();

        var value = gradient(x, buffer);

        Assert.Equal(x[2] * x[40], value);
        for (var i = 0; i < buffer.Length; i++)
            Assert.Equal(i == 2 ? x[40] : i == 40 ? x[2] : 0.0, buffer[i]);
    }

    [Fact]
    public void A_compiled_gradient_of_a_model_reading_beyond_x_is_refused_on_entry_naming_x()
    {
        var gradient = ProductOf(1, 30).CompileGradient();
        var x = new double[10];

        Assert.Throws<IndexOutOfRangeException>(() => ProductOf(1, 30).Compile()(x));
        var error = Assert.Throws<ArgumentException>(() => gradient(x, new double[10]));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("x[30]", error.Message);
    }

    [Fact]
    public void A_model_reading_x_at_int_MaxValue_compiles_and_is_refused_on_entry_when_called()
    {
        var f = TwiceElement(int.MaxValue);

        var gradient = Cheaply(() => f.CompileGradient());
        var grad = Cheaply(() => f.Grad()).Compile();

        Assert.Equal("x", Assert.Throws<ArgumentException>(() => gradient(new double[3], new double[3])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => grad(new double[3])).ParamName);
    }

    [Fact]
    public void The_Jacobian_of_the_gradient_of_a_model_reading_x_at_index_one_hundred_million_is_refused_cheaply()
    {
        var gradient = ProductOf(3, Large).Grad();

        var error = Cheaply(() => Assert.Throws<ArgumentException>(() => gradient.Jacobian()));

        Assert.Contains("Jacobian", error.Message);
        Assert.Contains("100000001", error.Message);
        Assert.Equal("f", error.ParamName);
    }

    [Fact]
    public void Jacobian_vector_products_of_the_gradient_of_a_model_reading_a_far_element_are_cheap_and_right()
    {
        // ∇(x[a]·x[b]) = (x[b] at a, x[a] at b); its Jacobian (the Hessian) has 1 at (a, b) and (b, a).
        var gradient = ProductOf(3, 1000).Grad();
        var jvp = Cheaply(() => gradient.Jvp()).Compile();
        var x = new double[1001];
        var v = Enumerable.Range(0, 1001).Select(i => 0.5 + i).ToArray();

        var product = jvp(x, v);

        for (var i = 0; i < product.Length; i++) Assert.Equal(i == 3 ? v[1000] : i == 1000 ? v[3] : 0.0, product[i]);
        Assert.Equal([(3, Large), (Large, 3)], Cheaply(() => ProductOf(3, Large).Grad().JacobianSparsity()));
    }

    [Fact]
    public void A_dense_Hessian_of_dimension_one_hundred_million_is_refused_naming_the_model_and_the_dimension()
    {
        var f = TwiceElement(Large);

        var error = Cheaply(() => Assert.Throws<ArgumentException>(() => f.Hessian()));

        Assert.Contains("Hessian", error.Message);
        Assert.Contains("100000001", error.Message);
        Assert.Contains("x[100000000]", error.Message);
        Assert.Equal("f", error.ParamName);
    }

    [Fact]
    public void The_Hessian_sparsity_of_a_model_reading_a_far_element_is_cheap()
    {
        var f = ProductOf(0, Large);

        Assert.Equal([(0, Large), (Large, 0)], Cheaply(() => f.HessianSparsity()));
    }

    [Fact]
    public void A_LINQ_model_that_also_reads_a_far_element_compiles_cheaply()
    {
        // Loops make every entry accumulate into a cleared buffer: the other path through the gradient's zeroing.
        Expression<Func<double[], double>> f = x => Enumerable.Range(0, x.Length).Sum(i => x[i] * x[i]) + 3 * x[100000000];
        TwiceElement(1).CompileGradient();

        Cheaply(() => f.CompileGradient());
        Cheaply(() => f.Grad());
        Cheaply(() => f.Hvp());
    }
}
