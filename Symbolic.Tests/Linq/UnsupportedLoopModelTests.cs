using System.Linq.Expressions;

namespace Symbolic.Tests.Linq;

/// <summary>What is not supported yet is refused with a message that says what, and what to use instead (never a wrong answer).</summary>
public class UnsupportedLoopModelTests
{
    private static readonly Expression<Func<double[], double>> SumOfSquares = x => Enumerable.Range(0, x.Length).Sum(i => x[i] * x[i]);

    private static readonly Expression<Func<double[], double[]>> VectorWithALoop = x => new[] { Enumerable.Range(0, x.Length).Sum(i => x[i] * x[i]), x[0] };

    private static void RefusedClearly(Action call, string what)
    {
        var error = Assert.Throws<NotSupportedException>(call);
        Assert.Contains(what, error.Message);
        Assert.Contains("not supported", error.Message);
        Assert.Contains("Grad", error.Message);
    }

    [Fact]
    public void The_Hessian_sparsity_of_a_loop_model_is_refused_naming_the_Hessian() =>
        RefusedClearly(() => SumOfSquares.HessianSparsity(), "Hessian");

    [Fact]
    public void The_Jacobian_of_a_vector_that_reads_x_in_a_loop_is_refused_naming_the_Jacobian() =>
        RefusedClearly(() => VectorWithALoop.Jacobian(), "Jacobian");

    [Fact]
    public void Jvp_and_Vjp_of_a_vector_that_reads_x_in_a_loop_are_refused_naming_them()
    {
        RefusedClearly(() => VectorWithALoop.Jvp(), "Jvp");
        RefusedClearly(() => VectorWithALoop.Vjp(), "Vjp");
        RefusedClearly(() => VectorWithALoop.JacobianSparsity(), "Jacobian");
    }

    [Fact]
    public void The_Hessian_sparsity_of_a_model_with_a_data_dependent_index_is_refused_naming_the_index_form()
    {
        int[] idx = [1, 0, 1];
        Expression<Func<double[], double>> f = x => Enumerable.Range(0, idx.Length).Sum(i => x[idx[i]] * x[idx[i]]);
        var error = Assert.Throws<NotSupportedException>(() => f.HessianSparsity());
        Assert.Contains("data-dependent", error.Message);
    }

    [Fact]
    public void A_Select_with_two_from_clauses_is_refused_naming_SelectMany()
    {
        var error = Assert.Throws<NotSupportedException>(() => Calculus.Grad(x => (from i in Enumerable.Range(0, 2) from j in Enumerable.Range(0, 2) select x[i] * x[j]).Sum()));
        Assert.Contains("SelectMany", error.Message);
    }

    [Fact]
    public void An_indexed_Where_after_another_Where_is_refused_naming_Where()
    {
        var error = Assert.Throws<NotSupportedException>(() => Calculus.Grad(x => x.Where(v => v > 0).Where((v, i) => i > 0).Sum()));
        Assert.Contains("Where", error.Message);
    }

    [Fact]
    public void Select_with_an_index_after_Where_is_refused_naming_both()
    {
        // LINQ numbers the kept elements 0, 1, 2 …; reading the unfiltered position instead would be a wrong answer.
        var error = Assert.Throws<NotSupportedException>(() => Calculus.Grad(x => Enumerable.Range(0, 6).Where(i => i % 2 == 0).Select((i, k) => x[k] * x[i]).Sum()));
        Assert.Contains("Select", error.Message);
        Assert.Contains("Where", error.Message);
    }

    [Fact]
    public void Zip_after_Where_is_refused_naming_both()
    {
        var error = Assert.Throws<NotSupportedException>(() => Calculus.Grad(x => x.Where(v => v > 0).Zip(x, (a, b) => a * b).Sum()));
        Assert.Contains("Zip", error.Message);
        Assert.Contains("Where", error.Message);
    }

}
