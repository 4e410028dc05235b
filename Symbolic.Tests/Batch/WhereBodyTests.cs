using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Batch;

/// <summary>
/// Batch losses under a <c>Where</c> filter, Σ over the rows the predicate keeps of log(1 + e^−zᵢ): the loop is
/// blocked (<c>BlockGuards</c>: the row's exp, log and adjoint factor mapped over every row of the block, the filter
/// a selection, read in the printed source; a guarded read out of range for an excluded row keeps it row by row,
/// under the filter's test), and the value and gradient match LINQ's own
/// evaluation and a closed form computed row by row, in every layout, for predicates on the label, the index and
/// the row, with every row kept and none.
/// </summary>
public class WhereBodyTests
{
    public enum Keep { LabelAboveHalf, EveryThirdIndex, FirstColumnPositive, Every, None }

    /// <summary>The placeholder a predicate of (i, yᵢ, X[i, 0]) replaces.</summary>
    private static bool Kept(int i, double y, double x0) => throw new InvalidOperationException("A placeholder: substituted before use.");

    private static Expression<Func<int, double, double, bool>> Predicate(Keep keep) => keep switch
    {
        Keep.LabelAboveHalf => (i, y, x0) => y > 0.5,
        Keep.EveryThirdIndex => (i, y, x0) => i % 3 == 0,
        Keep.FirstColumnPositive => (i, y, x0) => x0 > 0,
        Keep.Every => (i, y, x0) => y > -1,
        _ => (i, y, x0) => y < -1,
    };

    /// <summary>Σ_{i kept} log(1 + exp(−zᵢ)), zᵢ = Σⱼ w[j]·X[i, j] + w[d], over data in <paramref name="layout"/>.</summary>
    private static LambdaExpression Model(RowLayout layout, Keep keep) => Substitute(layout switch
    {
        RowLayout.Flat => (Expression<Func<double[], double[], double[], double>>)((w, X, y) => Enumerable.Range(0, y.Length)
            .Where(i => Kept(i, y[i], X[i * (w.Length - 1)]))
            .Sum(i => Math.Log(1 + Math.Exp(-(Enumerable.Range(0, w.Length - 1).Sum(j => w[j] * X[i * (w.Length - 1) + j]) + w[w.Length - 1]))))),
        RowLayout.Matrix => (Expression<Func<double[], double[,], double[], double>>)((w, X, y) => Enumerable.Range(0, y.Length)
            .Where(i => Kept(i, y[i], X[i, 0]))
            .Sum(i => Math.Log(1 + Math.Exp(-(Enumerable.Range(0, w.Length - 1).Sum(j => w[j] * X[i, j]) + w[w.Length - 1]))))),
        _ => (Expression<Func<double[], double[][], double[], double>>)((w, X, y) => Enumerable.Range(0, y.Length)
            .Where(i => Kept(i, y[i], X[i][0]))
            .Sum(i => Math.Log(1 + Math.Exp(-(Enumerable.Range(0, w.Length - 1).Sum(j => w[j] * X[i][j]) + w[w.Length - 1]))))),
    }, Predicate(keep));

    /// <summary>The value and gradient written out row by row (the oracle): for a kept row, e = exp(−z), c = −e/(1 + e), g += c·(xᵢ, 1).</summary>
    private static (double Value, double[] Gradient) ClosedForm(double[,] X, double[] y, double[] w, Func<int, double, double, bool> kept)
    {
        var d = w.Length - 1;
        var (value, gradient) = (0.0, new double[w.Length]);
        for (var i = 0; i < y.Length; i++)
        {
            if (!kept(i, y[i], X[i, 0])) continue;
            var z = w[d];
            for (var j = 0; j < d; j++) z += w[j] * X[i, j];
            var e = Math.Exp(-z);
            value += Math.Log(1 + e);
            var c = -e / (1 + e);
            for (var j = 0; j < d; j++) gradient[j] += c * X[i, j];
            gradient[d] += c;
        }
        return (value, gradient);
    }

    private static double[,] Values(object X, RowLayout layout, int rows, int features) => layout switch
    {
        RowLayout.Matrix => (double[,])X,
        RowLayout.Flat => Grid(rows, features, (i, j) => ((double[])X)[i * features + j]),
        _ => Grid(rows, features, (i, j) => ((double[][])X)[i][j]),
    };

    private static double[,] Grid(int rows, int features, Func<int, int, double> at)
    {
        var grid = new double[rows, features];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < features; j++) grid[i, j] = at(i, j);
        return grid;
    }

    public static TheoryData<RowLayout> Layouts => [RowLayout.Flat, RowLayout.Matrix, RowLayout.Jagged];

    [Theory]
    [MemberData(nameof(Layouts))]
    public void The_filtered_rows_are_blocked_the_filter_selecting_over_the_block(RowLayout layout)
    {
        var model = Model(layout, Keep.LabelAboveHalf);
        var source = layout switch
        {
            RowLayout.Flat => ((Expression<Func<double[], double[], double[], double>>)model).ToCSharpGradient(),
            RowLayout.Matrix => ((Expression<Func<double[], double[,], double[], double>>)model).ToCSharpGradient(),
            _ => ((Expression<Func<double[], double[][], double[], double>>)model).ToCSharpGradient(),
        };

        // Since the fifth round the guarded exp and log are mapped over every row of the block (no scalar call, no
        // branch on the filter), the dot products and the scatter are block calls, and the filter is a selection
        // (19 is >: Runtime/RowOperation.cs) for the value, the bias's sum and the scatter's factor.
        Assert.DoesNotContain("Math.Exp(", source);
        Assert.DoesNotContain("Math.Log(", source);
        Assert.DoesNotContain("if (t1)", source);
        Assert.Contains("RowMaps.Unary(2, block", source);
        Assert.Contains("RowMaps.Unary(3, block", source);
        Assert.Equal(3, Regex.Matches(source, @"RowMaps\.Select\(19, block").Count);
        Assert.Single(Regex.Matches(source, @"RowBlocks\.Dot\(X, "));
        Assert.Single(Regex.Matches(source, @"RowBlocks\.AddScaled\(X, "));
    }

    public static TheoryData<RowLayout, Keep, int> Cases()
    {
        var cases = new TheoryData<RowLayout, Keep, int>();
        var random = new Random(16);
        foreach (var layout in new[] { RowLayout.Flat, RowLayout.Matrix, RowLayout.Jagged })
            foreach (var keep in Enum.GetValues<Keep>())
                foreach (var rows in new[] { 0, 1, 63, 64, 65, 3 * 64 + 5 })
                    if (keep is Keep.LabelAboveHalf || rows == 0 || random.Next(3) == 0) cases.Add(layout, keep, rows);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_gradient_matches_linq_and_the_closed_form(RowLayout layout, Keep keep, int rows)
    {
        var features = 1 + (rows % 7);
        var (X, y) = RowModels.Data(layout, rows, features, seed: rows + (int)keep);
        var random = new Random(rows);
        var w = Enumerable.Range(0, features + 1).Select(_ => random.NextDouble() - 0.5).ToArray();
        var model = Model(layout, keep);
        var gradient = new double[w.Length];

        var value = (double)model.Compile().DynamicInvoke(w, X, y)!;
        var compiled = RowLayouts.CompileGradient(layout, model)(w, X, y, gradient);
        var (expected, expectedGradient) = ClosedForm(Values(X, layout, rows, features), y, w, Predicate(keep).Compile());

        Assert.True(Tolerance.Agree(value, compiled, scale: 1 + rows), $"value {compiled} against LINQ's {value}");
        Assert.True(Tolerance.Agree(expected, compiled, scale: 1 + rows), $"value {compiled} against {expected}");
        for (var k = 0; k < w.Length; k++)
            Assert.True(Tolerance.Agree(expectedGradient[k], gradient[k], scale: 1 + rows), $"∂/∂w[{k}]: {gradient[k]} against {expectedGradient[k]}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(3 * 64 + 5)]
    public void A_where_over_a_zip_of_rows_and_labels_is_blocked_and_matches_the_closed_form(int rows)
    {
        Expression<Func<double[], double[][], double[], double>> f = (w, X, y) => X.Zip(y).Where(p => p.Second > 0.5)
            .Sum(p => Math.Log(1 + Math.Exp(-(Enumerable.Range(0, 4).Sum(j => w[j] * p.First[j]) + w[4]))));
        var (data, y) = RowModels.Data(RowLayout.Jagged, rows, 4, seed: rows);
        var X = (double[][])data;
        var w = new[] { 0.3, -0.2, 0.1, 0.4, -0.1 };
        var gradient = new double[w.Length];

        var value = f.CompileGradient()(w, X, y, gradient);

        var (expected, expectedGradient) = ClosedForm(Values(X, RowLayout.Jagged, rows, 4), y, w, Predicate(Keep.LabelAboveHalf).Compile());
        Assert.True(Tolerance.Agree(expected, value, scale: 1 + rows), $"value {value} against {expected}");
        for (var k = 0; k < w.Length; k++)
            Assert.True(Tolerance.Agree(expectedGradient[k], gradient[k], scale: 1 + rows), $"∂/∂w[{k}]: {gradient[k]} against {expectedGradient[k]}");
        var source = f.ToCSharpGradient();
        Assert.DoesNotContain("Math.Exp(", source);
        Assert.Contains("RowMaps.Unary(2, block", source);
        Assert.Contains("RowMaps.Select(19, block", source);
        Assert.Contains("RowBlocks.AddScaled(X, ", source);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void A_row_the_filter_excludes_contributes_exactly_nothing_though_its_values_overflow(RowLayout layout)
    {
        // The blocked loop computes every row's exp, log and factor, kept or not. The excluded rows here have
        // entries of −1e300: their exp overflows to ∞, log(1 + ∞) is ∞ and e/(1 + e) is NaN. A selection drops
        // them (a 0 factor would not: ∞·0 and NaN·0 are NaN), so value and gradient are the kept rows' closed form.
        const int rows = 3 * 64 + 5, features = 3;
        var random = new Random(11);
        var y = Enumerable.Range(0, rows).Select(i => i % 4 == 0 ? 1.0 : 0.0).ToArray();
        var grid = new double[rows, features];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < features; j++) grid[i, j] = y[i] > 0.5 ? random.NextDouble() - 0.5 : -1e300;
        object X = layout switch
        {
            RowLayout.Matrix => grid,
            RowLayout.Flat => Enumerable.Range(0, rows * features).Select(k => grid[k / features, k % features]).ToArray(),
            _ => Enumerable.Range(0, rows).Select(i => Enumerable.Range(0, features).Select(j => grid[i, j]).ToArray()).ToArray(),
        };
        var w = new[] { 0.3, 0.2, 0.4, -0.1 };
        var gradient = new double[w.Length];

        var value = RowLayouts.CompileGradient(layout, Model(layout, Keep.LabelAboveHalf))(w, X, y, gradient);

        var (expected, expectedGradient) = ClosedForm(grid, y, w, Predicate(Keep.LabelAboveHalf).Compile());
        Assert.True(double.IsFinite(expected) && Tolerance.Agree(expected, value, scale: 1 + rows), $"value {value} against {expected}");
        for (var k = 0; k < w.Length; k++)
            Assert.True(Tolerance.Agree(expectedGradient[k], gradient[k], scale: 1 + rows), $"∂/∂w[{k}]: {gradient[k]} against {expectedGradient[k]}");
    }

    [Fact]
    public void The_gradient_matches_ridders_differences()
    {
        var (X, y) = RowModels.Data(RowLayout.Jagged, 70, 4, seed: 5);
        var w = new[] { 0.3, -0.2, 0.1, 0.4, -0.1 };
        var model = (Func<double[], double[][], double[], double>)Model(RowLayout.Jagged, Keep.LabelAboveHalf).Compile();
        var gradient = new double[w.Length];

        RowLayouts.CompileGradient(RowLayout.Jagged, Model(RowLayout.Jagged, Keep.LabelAboveHalf))(w, X, y, gradient);

        for (var k = 0; k < w.Length; k++)
        {
            var at = k;
            var estimate = FiniteDifference.Derivative(t => { var p = (double[])w.Clone(); p[at] = t; return model(p, (double[][])X, y); }, w[k]);
            Assert.True(estimate.IsReliable(1e-8));
            Assert.Equal(estimate.Derivative, gradient[k], 1e-7);
        }
    }

    [Fact]
    public void A_value_the_filter_guards_is_never_computed_for_a_row_it_excludes()
    {
        // exp(w[i + 3]) is read only for rows i < w.Length − 3: hoisted before the column loop, it stays under the test.
        Expression<Func<double[], double[][], double>> f = (w, X) => Enumerable.Range(0, X.Length).Where(i => i < w.Length - 3)
            .Sum(i => Math.Exp(w[i + 3]) * Enumerable.Range(0, 3).Sum(j => w[j] * X[i][j]));
        var X = Enumerable.Range(0, 9).Select(i => new[] { 0.1 * i, 1 - 0.1 * i, 0.5 }).ToArray();
        var w = new[] { 0.2, -0.3, 0.4, 0.1, -0.2, 0.3, 0.05 };
        var gradient = new double[w.Length];

        f.CompileGradient()(w, X, gradient);

        var expected = new double[w.Length];
        for (var i = 0; i < w.Length - 3; i++)
        {
            var dot = w[0] * X[i][0] + w[1] * X[i][1] + w[2] * X[i][2];
            for (var j = 0; j < 3; j++) expected[j] += Math.Exp(w[i + 3]) * X[i][j];
            expected[i + 3] += Math.Exp(w[i + 3]) * dot;
        }
        Assert.Equal(expected, gradient, (a, b) => Math.Abs(a - b) <= 1e-12 * (1 + Math.Abs(a)));
        // Out of range for the rows the filter excludes, w[i + 3] keeps the loop row by row (not speculated over a block).
        var source = f.ToCSharpGradient();
        Assert.Single(Regex.Matches(source, @"Math\.Exp\("));
        Assert.DoesNotContain("RowMaps.", source);
    }

    [Fact]
    public void A_batch_gradient_is_the_same_on_one_and_two_threads_and_allocates_nothing_warm()
    {
        var model = (Expression<Func<double[], double[][], double[], double>>)Model(RowLayout.Jagged, Keep.LabelAboveHalf);
        var (data, y) = RowModels.Data(RowLayout.Jagged, 2_000, 10, seed: 7);
        var X = (double[][])data;
        var w = Enumerable.Range(0, 11).Select(k => 0.05 * (k - 5)).ToArray();
        RowLayouts.AssertSameBitsOnOneAndTwoThreads(model, X, y, w);
        RowLayouts.AssertAllocatesNothingWarm(model, X, y, w);
    }

    private static LambdaExpression Substitute(LambdaExpression template, LambdaExpression predicate) =>
        Expression.Lambda(new KeptSubstitution(predicate).Visit(template.Body), template.Parameters);

    /// <summary>Replaces <see cref="Kept"/>(i, y, x0) by the predicate's body with its parameters bound to the arguments.</summary>
    private sealed class KeptSubstitution(LambdaExpression predicate) : ExpressionVisitor
    {
        private static readonly MethodInfo Placeholder = typeof(WhereBodyTests).GetMethod(nameof(Kept), BindingFlags.NonPublic | BindingFlags.Static)!;
        private Dictionary<ParameterExpression, Expression> _bound = [];

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method != Placeholder) return base.VisitMethodCall(node);
            var outer = _bound;
            _bound = new() { [predicate.Parameters[0]] = Visit(node.Arguments[0]), [predicate.Parameters[1]] = Visit(node.Arguments[1]), [predicate.Parameters[2]] = Visit(node.Arguments[2]) };
            var body = Visit(predicate.Body);
            _bound = outer;
            return body;
        }

        protected override Expression VisitParameter(ParameterExpression node) => _bound.TryGetValue(node, out var value) ? value : node;
    }
}
