using System.Linq.Expressions;

namespace Symbolic.Tests.Folds;

/// <summary>Folds Symbolic cannot differentiate are refused on entry, naming the fold and why.</summary>
public class FoldErrorTests
{
    [Fact]
    public void A_state_of_another_type_is_refused_naming_the_type()
    {
        Expression<Func<double[], double>> f = x => x.Aggregate(0L, (n, v) => n + 1, n => n * x[0]);
        var error = Assert.Throws<NotSupportedException>(() => f.CompileGradient());
        Assert.Contains("Int64", error.Message);
        Assert.Contains("Aggregate", error.Message);
    }

    [Fact]
    public void A_state_that_changes_shape_between_steps_is_refused()
    {
        Expression<Func<double[], double>> f = x => x.Aggregate(new double[2], (h, v) => Enumerable.Range(0, 3).Select(j => h[0] + v).ToArray())[0];
        var error = Assert.Throws<NotSupportedException>(() => f.CompileGradient());
        Assert.Contains("changes shape", error.Message);
        Assert.Contains("Aggregate", error.Message);
    }

    [Fact]
    public void A_vector_step_Symbolic_cannot_read_is_refused_naming_the_forms_it_reads()
    {
        Expression<Func<double[], double>> f = x => x.Aggregate(new double[2], (h, v) => h)[0];
        var error = Assert.Throws<NotSupportedException>(() => f.CompileGradient());
        Assert.Contains("Enumerable.Range(0, H).Select", error.Message);
    }
}
