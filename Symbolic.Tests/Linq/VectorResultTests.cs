using System.Linq.Expressions;
using Symbolic.Tests.Backpropagation;

namespace Symbolic.Tests.Linq;

/// <summary>
/// Vector results x =&gt; new[] { Σ..., ... } mixed with sums. Sums over data that read x only at
/// constant indexes are loop invariants of x, so the Jacobian is supported for them; a vector that
/// reads x inside a loop is refused (see <see cref="UnsupportedLoopModelTests"/>).
/// </summary>
public class VectorResultTests
{
    private static readonly double[] Data = [1.5, 2.5, -0.5];

    [Fact]
    public void The_Jacobian_of_a_vector_of_sums_over_captured_data_is_the_hand_written_one()
    {
        var data = Data;
        Expression<Func<double[], double[]>> f = x => new[] { data.Sum(d => Math.Exp(x[0] * d)), x[1] * data.Sum(d => d * x[0]) };
        double[] x = [0.25, -0.75];
        var sumOfData = data.Sum();
        var expected = new double[,]
        {
            { data.Sum(d => d * Math.Exp(x[0] * d)), 0 },
            { x[1] * sumOfData, sumOfData * x[0] },
        };

        Close.Matrices(expected, f.Jacobian().Compile()(x), 1e-12, floor: 1);
    }

    [Fact]
    public void The_value_of_a_vector_of_sums_reads_back_through_Jvp_as_the_directional_derivative()
    {
        var data = Data;
        Expression<Func<double[], double[]>> f = x => new[] { data.Sum(d => Math.Pow(x[0] * d - x[1], 2)), x[0] * x[1] };
        double[] x = [0.25, -0.75];
        double[] v = [1.0, 2.0];
        var residuals = data.Select(d => x[0] * d - x[1]).ToArray();
        double[] expected =
        [
            residuals.Zip(data, (r, d) => 2 * r * d).Sum() * v[0] - residuals.Sum(r => 2 * r) * v[1],
            x[1] * v[0] + x[0] * v[1],
        ];

        Close.Vectors(expected, f.Jvp().Compile()(x, v), 1e-12, floor: 1);
    }

    [Fact]
    public void A_vector_of_sums_over_a_range_that_read_x_at_constant_indexes_has_the_hand_written_Jacobian()
    {
        Expression<Func<double[], double[]>> f = x => new[] { Enumerable.Range(1, 3).Sum(i => i * x[0] * x[0]), x[1] };
        double[] x = [0.25, -0.75];

        Close.Matrices(new double[,] { { 2 * 6 * x[0], 0 }, { 0, 1 } }, f.Jacobian().Compile()(x), 1e-12, floor: 1);
    }
}
