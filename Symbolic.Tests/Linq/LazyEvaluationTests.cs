using System.Linq.Expressions;
using Symbolic.Tests.Linq.Support;

namespace Symbolic.Tests.Linq;

/// <summary>
/// LINQ evaluates a selector only for the elements it visits: what an empty loop, a dropped element
/// or an untaken branch would read is never read, so it cannot throw. Moving a loop invariant out of
/// its loop must keep that.
/// </summary>
public class LazyEvaluationTests
{
    [Fact]
    public void A_loop_invariant_read_out_of_range_inside_a_sum_over_nothing_is_never_read()
    {
        Expression<Func<double[], double[], double>> f = (w, xs) => w[0] * w[1] + xs.Sum(v => w[3] * v);
        double[] w = [0.5, -1.25];
        var gradient = new double[2];

        Assert.Equal(w[0] * w[1], f.Compile()(w, []));
        Assert.Equal(w[0] * w[1], f.CompileGradient()(w, [], gradient));
        Assert.Equal([w[1], w[0]], gradient);
    }

    [Fact]
    public void An_average_inside_a_sum_over_nothing_is_never_evaluated()
    {
        Expression<Func<double[], double[], double>> f = (w, xs) => w[0] * w[0] + xs.Sum(v => v * xs.Average(u => u * w[1]));
        double[] w = [0.5, -1.25];
        var gradient = new double[2];

        Assert.Equal(0.25, f.Compile()(w, []));
        Assert.Equal(0.25, f.CompileGradient()(w, [], gradient));
        Assert.Equal([1.0, 0.0], gradient);
    }

    [Fact]
    public void A_conditional_in_the_selector_guards_a_read_past_the_end() =>
        LinqAssert.MatchesExpansion(
            x => Enumerable.Range(0, x.Length).Sum(i => i < x.Length - 1 ? x[i] * x[i + 1] : x[i]),
            x => x[0] * x[1] + x[1] * x[2] + x[2],
            [0.5, -1.25, 2.0]);

    [Fact]
    public void A_constant_index_read_inside_a_sum_over_nothing_is_never_read()
    {
        Expression<Func<double[], double[], double>> f = (w, data) => w[0] * w[0] + data.Sum(d => w[3]);
        var gradient = new[] { 7.0 };

        Assert.Equal(4.0, f.Compile()([2.0], []));
        Assert.Equal(4.0, f.CompileGradient()([2.0], [], gradient));
        Assert.Equal([4.0], gradient);
    }

    [Fact]
    public void The_Hessian_never_reads_a_constant_index_inside_a_sum_over_nothing()
    {
        Expression<Func<double[], double[], double>> f = (x, data) => data.Sum(d => d / (1 + x[2] * x[2]));
        double[] x = [0.5, 0.25];

        Assert.Equal(0.0, f.Compile()(x, []));
        Assert.Equal([0.0, 0.0], f.Hvp().Compile()(x, [1.0, 1.0], []));
        Assert.Equal(new double[2, 2], f.Hessian().Compile()(x, []));
    }

}
