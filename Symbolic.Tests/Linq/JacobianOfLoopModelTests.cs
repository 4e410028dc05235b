using System.Linq.Expressions;
using Symbolic.Tests.Backpropagation;

namespace Symbolic.Tests.Linq;

/// <summary>
/// Jacobians of vector functions with LINQ loops: supported when the loops read x at constant indexes only (sums over
/// data); a read of x at a loop-dependent index is refused (<see cref="UnsupportedLoopModelTests"/>).
/// </summary>
public class JacobianOfLoopModelTests
{
    private static readonly double[] Data = [1.5, -0.5, 2];

    [Fact]
    public void The_Jacobian_Jvp_and_Vjp_of_a_vector_whose_sums_read_x_at_constant_indexes_match_finite_differences()
    {
        var data = Data;
        Expression<Func<double[], double[]>> f = x => new[] { data.Sum(d => Math.Sin(d * x[0]) * x[1]), data.Average(d => Math.Exp(d * x[1])) };
        var g = f.Compile();
        double[] x = [0.3, -0.7];
        double[] v = [1.25, -2];

        var expected = FiniteDifferences.Jacobian(g, x);

        Close.Matrices(expected, f.Jacobian().Compile()(x), 1e-8);
        Close.Vectors(FiniteDifferences.Directional(g, x, v), f.Jvp().Compile()(x, v), 1e-8);
        double[] u = [0.5, 3];
        Close.Vectors([.. Enumerable.Range(0, 2).Select(j => u[0] * expected[0, j] + u[1] * expected[1, j])], f.Vjp().Compile()(x, u), 1e-8);
    }
}
