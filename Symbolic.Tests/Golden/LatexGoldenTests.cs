using System.Linq.Expressions;

namespace Symbolic.Tests.Golden;

/// <summary>ToLatex: the exact text of functions, derivatives and gradients (golden strings).</summary>
public class LatexGoldenTests
{
    [Fact]
    public void Quotients_roots_and_exponentials()
    {
        Expression<Func<double, double>> f = x => Math.Sin(x) / (1 + x * x) + Math.Sqrt(x) * Math.Exp(-x);

        Assert.Equal(@"\frac{\sin\left(x\right)}{1 + x^{2}} + \sqrt{x} \cdot e^{-x}", f.ToLatex());
    }

    [Fact]
    public void A_derivative()
    {
        Expression<Func<double, double>> f = x => Math.Sin(x) * x;

        Assert.Equal(@"x \cdot \cos\left(x\right) + \sin\left(x\right)", f.Diff().ToLatex());
    }

    [Fact]
    public void Array_elements_are_subscripts_and_a_gradient_is_a_column_vector()
    {
        Expression<Func<double[], double>> f = x => x[0] * x[0] + Math.Log(x[1]);

        Assert.Equal(@"x_{0}^{2} + \log\left(x_{1}\right)", f.ToLatex());
        Assert.Equal(@"\begin{pmatrix} 2 \cdot x_{0} \\ \frac{1}{x_{1}} \end{pmatrix}", f.Grad().ToLatex());
    }

    [Fact]
    public void Powers_with_other_exponents_and_cube_roots()
    {
        Expression<Func<double, double>> f = x => Math.Pow(x, 2.5) + Math.Cbrt(x) - Math.Pow(x, -3);

        Assert.Equal(@"x^{2.5} + \sqrt[3]{x} - x^{-3}", f.ToLatex());
    }

    [Fact]
    public void Sums_over_loops_and_conditionals_as_cases()
    {
        Expression<Func<double[], double>> sum = x => Enumerable.Range(0, 10).Sum(i => x[i] * x[i]);
        Expression<Func<double, double>> branch = x => x > 0 ? Math.Log(x) : Math.Abs(x);

        Assert.Equal(@"\sum_{i=0}^{9} x_{i}^{2}", sum.ToLatex());
        Assert.Equal(@"\begin{cases} \log\left(x\right) & \text{if } x > 0 \\ \left|x\right| & \text{otherwise} \end{cases}", branch.ToLatex());
    }

    [Fact]
    public void Functions_with_rules_print_by_name()
    {
        Expression<Func<double, double>> f = x => Functions.Softplus(2 * x);

        Assert.Equal(@"2 \cdot \operatorname{Sigmoid}\left(2 \cdot x\right)", f.Diff().ToLatex());
    }

    [Fact]
    public void Long_names_are_upright_and_small_numbers_use_powers_of_ten()
    {
        Expression<Func<double, double>> f = rate => 1e-5 * (rate * rate);

        Assert.Equal(@"1 \times 10^{-5} \cdot \mathrm{rate}^{2}", f.ToLatex());
    }

    [Fact]
    public void A_wrong_return_type_is_an_argument_error()
    {
        Expression<Func<double, int>> f = x => (int)x;

        Assert.Throws<ArgumentException>(() => f.ToLatex());
    }
}
