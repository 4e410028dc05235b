using Symbolic.Tests.Models;

namespace Symbolic.Tests.Backpropagation;

/// <summary>Sparsity patterns: never miss a non-zero, and are exact where the structure is known.</summary>
public class ZooSparsityTests
{
    [Theory]
    [MemberData(nameof(ZooCases.Models), MemberType = typeof(ZooCases))]
    public void Hessian_sparsity_contains_every_numerically_non_zero_entry(string name)
    {
        var model = ModelZoo.ByName(name);
        var pattern = model.Function.HessianSparsity().ToHashSet();

        foreach (var x in model.Points)
        {
            var h = FiniteDifferences.Jacobian(model.Gradient, x);
            var threshold = 1e-6 * Matrix.MaxAbs(h);
            foreach (var (i, j) in Entries(h).Where(e => Math.Abs(h[e.Row, e.Column]) > threshold))
                Assert.Contains((i, j), pattern);
        }
    }

    [Theory]
    [MemberData(nameof(ZooCases.Models), MemberType = typeof(ZooCases))]
    public void Hessian_entries_outside_the_sparsity_pattern_are_exactly_zero(string name)
    {
        var model = ModelZoo.ByName(name);
        var pattern = model.Function.HessianSparsity().ToHashSet();
        var hessian = model.Function.Hessian().Compile();

        foreach (var x in model.Points)
        {
            var h = hessian(x);
            Assert.All(Entries(h).Where(e => !pattern.Contains(e)), e => Assert.Equal(0.0, h[e.Row, e.Column]));
        }
    }

    [Theory]
    [MemberData(nameof(ZooCases.Models), MemberType = typeof(ZooCases))]
    public void Hessian_sparsity_is_symmetric_and_sorted_by_row_then_column(string name)
    {
        var pattern = ModelZoo.ByName(name).Function.HessianSparsity();

        Assert.Equal(pattern.OrderBy(e => e.Row).ThenBy(e => e.Column), pattern);
        Assert.All(pattern, e => Assert.Contains((e.Column, e.Row), pattern));
    }

    [Theory]
    [MemberData(nameof(ZooCases.LeastSquaresModels), MemberType = typeof(ZooCases))]
    public void Jacobian_sparsity_contains_every_non_zero_of_the_hand_written_Jacobian(string name)
    {
        var model = ModelZoo.ByName(name);
        var pattern = model.Residuals!.Vector.JacobianSparsity();

        Assert.Equal(pattern.OrderBy(e => e.Row).ThenBy(e => e.Column), pattern);
        foreach (var x in model.Points)
        {
            var j = model.Residuals.Jacobian(x);
            foreach (var entry in Entries(j).Where(e => j[e.Row, e.Column] != 0))
                Assert.Contains(entry, pattern);
        }
    }

    [Fact]
    public void Extended_Rosenbrock_has_a_block_diagonal_Hessian_and_a_pairwise_Jacobian()
    {
        var model = ModelZoo.ExtendedRosenbrock;
        var n = model.Dimension;

        Assert.Equal(Pattern(n, n, (i, j) => i / 2 == j / 2), model.Function.HessianSparsity());
        Assert.Equal(Pattern(n, n, (i, j) => i % 2 == 0 ? j == i || j == i + 1 : j == i - 1), model.Residuals!.Vector.JacobianSparsity());
    }

    [Fact]
    public void Broyden_tridiagonal_has_a_pentadiagonal_Hessian_and_a_tridiagonal_Jacobian()
    {
        var model = ModelZoo.BroydenTridiagonal;
        var n = model.Dimension;

        Assert.Equal(Pattern(n, n, (i, j) => Math.Abs(i - j) <= 2), model.Function.HessianSparsity());
        Assert.Equal(Pattern(n, n, (i, j) => Math.Abs(i - j) <= 1), model.Residuals!.Vector.JacobianSparsity());
    }

    [Fact]
    public void Powell_singular_Hessian_omits_the_pairs_that_share_no_term()
    {
        var model = ModelZoo.PowellSingular;
        int[][] residualColumns = [[0, 1], [2, 3], [1, 2], [0, 3]];

        Assert.Equal(Pattern(4, 4, (i, j) => (i, j) is not ((0, 2) or (2, 0) or (1, 3) or (3, 1))), model.Function.HessianSparsity());
        Assert.Equal(Pattern(4, 4, (i, j) => residualColumns[i].Contains(j)), model.Residuals!.Vector.JacobianSparsity());
    }

    [Fact]
    public void Wood_Hessian_couples_only_the_variables_that_share_a_term()
    {
        var model = ModelZoo.Wood;
        int[][] residualColumns = [[0, 1], [0], [2, 3], [2], [1, 3], [1, 3]];
        var coupled = new[] { (0, 1), (2, 3), (1, 3) };

        Assert.Equal(Pattern(4, 4, (i, j) => i == j || coupled.Contains((i, j)) || coupled.Contains((j, i))), model.Function.HessianSparsity());
        Assert.Equal(Pattern(6, 4, (i, j) => residualColumns[i].Contains(j)), model.Residuals!.Vector.JacobianSparsity());
    }

    [Fact]
    public void Brown_badly_scaled_Jacobian_has_one_diagonal_and_one_full_row()
    {
        Assert.Equal([(0, 0), (1, 1), (2, 0), (2, 1)], ModelZoo.BrownBadlyScaled.Residuals!.Vector.JacobianSparsity());
    }

    [Fact]
    public void Trigonometric_Hessian_and_Jacobian_are_dense()
    {
        var model = ModelZoo.Trigonometric;
        var n = model.Dimension;

        Assert.Equal(Pattern(n, n, (_, _) => true), model.Function.HessianSparsity());
        Assert.Equal(Pattern(n, n, (_, _) => true), model.Residuals!.Vector.JacobianSparsity());
    }

    [Fact]
    public void A_function_that_reads_some_variables_only_has_no_Hessian_entries_for_the_others()
    {
        System.Linq.Expressions.Expression<Func<double[], double>> f = x => x[0] * x[3] + Math.Sin(x[3]);

        Assert.Equal([(0, 3), (3, 0), (3, 3)], f.HessianSparsity());
    }

    private static List<(int Row, int Column)> Pattern(int rows, int columns, Func<int, int, bool> nonZero) =>
        [.. Entries(rows, columns).Where(e => nonZero(e.Row, e.Column))];

    private static IEnumerable<(int Row, int Column)> Entries(double[,] m) => Entries(m.GetLength(0), m.GetLength(1));

    private static IEnumerable<(int Row, int Column)> Entries(int rows, int columns) =>
        from i in Enumerable.Range(0, rows) from j in Enumerable.Range(0, columns) select (i, j);
}
