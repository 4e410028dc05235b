using System.Linq.Expressions;
using Symbolic.Tests.Backpropagation;

namespace Symbolic.Tests.Linq;

/// <summary>Hessians and Hessian-vector products of loop models, against the hand-written Hessian and the written-out model's.</summary>
public class SecondOrderTests
{
    private static readonly Expression<Func<double[], double>> Rosenbrock =
        x => Enumerable.Range(0, x.Length - 1).Sum(i => 100 * Math.Pow(x[i + 1] - x[i] * x[i], 2) + Math.Pow(1 - x[i], 2));

    private static double[,] RosenbrockHessian(double[] x)
    {
        var h = new double[x.Length, x.Length];
        for (var i = 0; i < x.Length - 1; i++)
        {
            h[i, i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
            h[i, i + 1] += -400 * x[i];
            h[i + 1, i] += -400 * x[i];
            h[i + 1, i + 1] += 200;
        }
        return h;
    }

    private static double[] Times(double[,] m, double[] v) =>
        [.. Enumerable.Range(0, v.Length).Select(i => Enumerable.Range(0, v.Length).Sum(j => m[i, j] * v[j]))];

    [Fact]
    public void The_Hessian_of_Rosenbrock_written_with_x_of_i_plus_one_is_the_hand_written_one()
    {
        double[] x = [0.5, -1.25, 2.0, 0.75];

        Close.Matrices(RosenbrockHessian(x), Rosenbrock.Hessian().Compile()(x), 1e-12, floor: 1);
    }

    [Fact]
    public void The_Hessian_vector_product_of_Rosenbrock_is_the_hand_written_Hessian_times_the_vector()
    {
        double[] x = [0.5, -1.25, 2.0, 0.75];
        double[] v = [1.0, -2.0, 0.5, 3.0];

        Close.Vectors(Times(RosenbrockHessian(x), v), Rosenbrock.Hvp().Compile()(x, v), 1e-12, floor: 1);
    }

    [Fact]
    public void The_Hessian_of_a_scatter_through_repeated_indices_adds_every_contribution()
    {
        // Σ w[idx[i]]³ with idx = [1, 1, 0]: ∂²/∂w₁² = 2 · 6 w₁, ∂²/∂w₀² = 6 w₀.
        Expression<Func<double[], int[], double>> f = (w, idx) => idx.Sum(k => w[k] * w[k] * w[k]);
        double[] w = [0.5, -1.25, 2.0];

        Close.Matrices(new double[,] { { 3.0, 0, 0 }, { 0, -15.0, 0 }, { 0, 0, 0 } }, f.Hessian().Compile()(w, [1, 1, 0]), 1e-12, floor: 1);
    }

    [Fact]
    public void The_Hessian_over_data_matches_the_written_out_model()
    {
        Expression<Func<double[], double[], double>> linq = (w, xs) => xs.Sum(v => Math.Log(1 + Math.Exp(w[0] * v - w[1] * w[1])));
        Expression<Func<double[], double[], double>> expanded = (w, xs) =>
            Math.Log(1 + Math.Exp(w[0] * xs[0] - w[1] * w[1])) + Math.Log(1 + Math.Exp(w[0] * xs[1] - w[1] * w[1])) + Math.Log(1 + Math.Exp(w[0] * xs[2] - w[1] * w[1]));
        double[] w = [0.75, -0.5];
        double[] xs = [1.5, -2.5, 0.25];

        Close.Matrices(expanded.Hessian().Compile()(w, xs), linq.Hessian().Compile()(w, xs), 1e-10, floor: 1);
        Close.Vectors(Times(expanded.Hessian().Compile()(w, xs), [1.0, 2.0]), linq.Hvp().Compile()(w, [1.0, 2.0], xs), 1e-10, floor: 1);
    }

    [Fact]
    public void The_Hessian_of_a_nested_sum_over_a_rectangular_array_matches_the_written_out_model()
    {
        Expression<Func<double[], double[,], double>> linq = (w, a) =>
            Enumerable.Range(0, a.GetLength(0)).Sum(i => Math.Pow(Enumerable.Range(0, a.GetLength(1)).Sum(j => a[i, j] * w[j]), 2));
        Expression<Func<double[], double[,], double>> expanded = (w, a) =>
            Math.Pow(a[0, 0] * w[0] + a[0, 1] * w[1], 2) + Math.Pow(a[1, 0] * w[0] + a[1, 1] * w[1], 2);
        double[] w = [0.75, -0.5];
        var a = new double[,] { { 1.5, -0.5 }, { 0.25, 1.0 } };

        Close.Matrices(expanded.Hessian().Compile()(w, a), linq.Hessian().Compile()(w, a), 1e-10, floor: 1);
    }
}
