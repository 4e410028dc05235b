using System.Linq.Expressions;

namespace Symbolic.Tests.Backpropagation;

/// <summary>
/// Shapes the zoo does not cover: wide Jacobians (fewer outputs than variables, computed by rows in reverse
/// mode), constant outputs, and x longer than the indexes f reads (zero rows and columns).
/// </summary>
public class VectorFunctionShapeTests
{
    private static readonly Expression<Func<double[], double[]>> Wide = x => new[] { x[0] * x[1] * x[2] + Math.Sin(x[3]), x[4] * x[0] };

    private static double[,] WideJacobian(double[] x) => new double[,]
    {
        { x[1] * x[2], x[0] * x[2], x[0] * x[1], Math.Cos(x[3]), 0, 0 },
        { x[4], 0, 0, 0, x[0], 0 },
    };

    private static readonly double[] Point = [0.5, -1.5, 2, 0.25, 3, 7];

    [Fact]
    public void A_wide_Jacobian_has_one_row_per_output_and_one_column_per_entry_of_x()
    {
        foreach (var jacobian in new[] { Wide.Jacobian().Compile(), Wide.Jacobian().Compile(preferInterpretation: true) })
            Close.Matrices(WideJacobian(Point), jacobian(Point), relative: 1e-14);
    }

    [Fact]
    public void Jvp_and_Vjp_of_a_wide_function_equal_the_Jacobian_products()
    {
        var (v, u) = (Matrix.Random(6, seed: 1), Matrix.Random(2, seed: 2));
        var j = WideJacobian(Point);

        Close.Vectors(Matrix.Times(j, v), Wide.Jvp().Compile()(Point, v), relative: 1e-12, scale: Matrix.AbsoluteTimes(j, v));
        Close.Vectors(Matrix.Times(Matrix.Transpose(j), u), Wide.Vjp().Compile()(Point, u), relative: 1e-12, scale: Matrix.AbsoluteTimes(Matrix.Transpose(j), u));
    }

    [Fact]
    public void A_wide_Jacobian_sparsity_lists_exactly_the_variables_each_output_reads()
    {
        Assert.Equal([(0, 0), (0, 1), (0, 2), (0, 3), (1, 0), (1, 4)], Wide.JacobianSparsity());
    }

    [Fact]
    public void A_constant_output_has_a_zero_row()
    {
        Expression<Func<double[], double[]>> f = x => new[] { 3.0, x[1] * x[1], Math.PI };

        var jacobian = f.Jacobian().Compile()([1, 2]);

        Assert.Equal(new double[,] { { 0, 0 }, { 0, 4 }, { 0, 0 } }, jacobian);
        Assert.Equal([(1, 1)], f.JacobianSparsity());
        Assert.Equal([0, 4 * 0.5, 0], f.Jvp().Compile()([1, 2], [10, 0.5]));
    }

    [Fact]
    public void The_Hessian_has_zero_rows_and_columns_for_entries_of_x_that_f_does_not_read()
    {
        Expression<Func<double[], double>> f = x => x[1] * x[1] * x[3];

        var hessian = f.Hessian().Compile()([9, 2, 9, 5, 9]);

        Assert.Equal(new double[,]
        {
            { 0, 0, 0, 0, 0 },
            { 0, 10, 0, 4, 0 },
            { 0, 0, 0, 0, 0 },
            { 0, 4, 0, 0, 0 },
            { 0, 0, 0, 0, 0 },
        }, hessian);
        Assert.Equal([0, 10 * 1 + 4 * 3.0, 0, 4 * 1.0, 0], f.Hvp().Compile()([9, 2, 9, 5, 9], [7, 1, 7, 3, 7]));
    }

    [Fact]
    public void Vjp_has_one_entry_per_entry_of_x_even_beyond_the_indexes_f_reads()
    {
        Expression<Func<double[], double[]>> f = x => new[] { x[0] * x[1] };

        Assert.Equal([3, 2, 0, 0.0], f.Vjp().Compile()([2, 3, 5, 7], [1]));
    }

    [Fact]
    public void A_square_vector_function_uses_forward_mode_and_agrees_with_reverse_mode_on_each_row()
    {
        Expression<Func<double[], double[]>> f = x => new[] { x[0] * Math.Exp(x[1]), x[1] / (1 + x[0] * x[0]) };
        var x = new[] { 0.3, -0.8 };
        var jacobian = f.Jacobian().Compile()(x);
        var vjp = f.Vjp().Compile();

        for (var row = 0; row < 2; row++)
        {
            var u = new double[2];
            u[row] = 1;
            Close.Vectors([jacobian[row, 0], jacobian[row, 1]], vjp(x, u), relative: 1e-14);
        }
    }
}
