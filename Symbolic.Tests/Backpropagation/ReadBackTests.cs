using System.Linq.Expressions;

namespace Symbolic.Tests.Backpropagation;

/// <summary>
/// Results are differentiable again: Jacobian(Grad(f)) reads Symbolic's own SSA output back. Regression
/// cases for shapes the emitter produces that the vector reader once refused.
/// </summary>
public class ReadBackTests
{
    private static readonly double[] Weights = [2, 3];

    [Fact]
    public void Jacobian_of_Grad_reads_back_a_condition_shared_by_several_entries()
    {
        Expression<Func<double[], double>> f = x => x[0] > 0 ? x[0] * x[1] : x[1] * x[1];

        var h = f.Grad().Jacobian().Compile();

        Assert.Equal(new double[,] { { 0, 1 }, { 1, 0 } }, h([0.5, 3]));
        Assert.Equal(new double[,] { { 0, 0 }, { 0, 2 } }, h([-0.5, 3]));
    }

    [Fact]
    public void Jacobian_of_Grad_reads_back_a_captured_array_bound_to_a_local()
    {
        Expression<Func<double[], double>> f = x => Weights[0] * x[0] * x[0] + Weights[1] * x[0] * x[1];

        var h = f.Grad().Jacobian().Compile()([1, 1]);

        Assert.Equal(new double[,] { { 4, 3 }, { 3, 0 } }, h);
    }

    [Fact]
    public void Hvp_of_a_function_with_a_captured_array_reads_the_array_at_call_time()
    {
        var weights = new[] { 1.0, 1.0 };
        Expression<Func<double[], double>> f = x => weights[0] * x[0] * x[0] * x[1] + weights[1] * x[1] * x[1];
        var hvp = f.Hvp().Compile();

        weights[0] = 3;
        weights[1] = 5;

        // H = [[6·x1, 6·x0], [6·x0, 10]] at (1, 2): [[12, 6], [6, 10]].
        Assert.Equal([12 + 6 * 0.5, 6 + 10 * 0.5], hvp([1, 2], [1, 0.5]));
    }
}
