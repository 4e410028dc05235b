using System.Linq.Expressions;

namespace Symbolic.Tests.Folds;

/// <summary>
/// Folds whose state is a small tuple of doubles (<c>ValueTuple.Create</c> seeds and steps, <c>.Item1</c> … reads),
/// against closed forms and against finite differences of LINQ's own <c>Aggregate</c> over the tuples.
/// </summary>
public class FoldTupleStateTests
{
    // A rotation by θ = x[0], T times, of (x[1], 0): the first item ends at x[1]·cos(Tθ).
    private static Expression<Func<double[], double>> Rotation(int steps) => x =>
        Enumerable.Range(0, steps).Aggregate(ValueTuple.Create(x[1], 0.0),
            (p, t) => ValueTuple.Create(p.Item1 * Math.Cos(x[0]) - p.Item2 * Math.Sin(x[0]), p.Item1 * Math.Sin(x[0]) + p.Item2 * Math.Cos(x[0])),
            p => p.Item1);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(100)]
    public void A_rotation_carried_as_a_pair_has_the_closed_form_gradient(int steps)
    {
        double[] x = [0.3, 1.7];
        var gradient = new double[2];
        var value = Rotation(steps).CompileGradient()(x, gradient);
        Assert.Equal(x[1] * Math.Cos(steps * x[0]), value, 1e-12);
        Assert.Equal(-x[1] * steps * Math.Sin(steps * x[0]), gradient[0], 1e-10);
        Assert.Equal(Math.Cos(steps * x[0]), gradient[1], 1e-12);
    }

    [Fact]
    public void A_triple_read_after_the_fold_through_Item2_matches_finite_differences()
    {
        // Explicit Euler for a damped oscillator with a forcing term integrated as a third item.
        Expression<Func<double[], double>> f = x => Enumerable.Range(0, 50).Aggregate(
            ValueTuple.Create(x[0], x[1], 0.0),
            (s, t) => ValueTuple.Create(s.Item1 + 0.05 * s.Item2, s.Item2 - 0.05 * (x[2] * s.Item1 + x[3] * s.Item2), s.Item3 + 0.05 * s.Item1 * s.Item1)).Item2
            + Enumerable.Range(0, 50).Aggregate(
            ValueTuple.Create(x[0], x[1], 0.0),
            (s, t) => ValueTuple.Create(s.Item1 + 0.05 * s.Item2, s.Item2 - 0.05 * (x[2] * s.Item1 + x[3] * s.Item2), s.Item3 + 0.05 * s.Item1 * s.Item1)).Item3;
        FoldAssert.GradientMatchesFiniteDifferences(f, [0.8, -0.2, 2.0, 0.3]);
    }

    [Fact]
    public void A_pair_built_with_new_over_data_matches_finite_differences()
    {
        // Welford-like running mean and square of a data-weighted sequence, the result selector combining both.
        Expression<Func<double[], double>> f = x => x.Select(v => v * x[0]).Aggregate(new ValueTuple<double, double>(0.0, 1.0),
            (s, v) => new ValueTuple<double, double>(0.5 * s.Item1 + v, s.Item2 * (1 + 0.1 * v)),
            s => s.Item1 * s.Item2);
        FoldAssert.GradientMatchesFiniteDifferences(f, [0.9, 0.4, -0.7, 1.2]);
    }

    [Fact]
    public void A_pair_state_agrees_with_the_same_recurrence_unrolled_by_hand()
    {
        // Fibonacci-like (a, b) → (b, a + x₀·b) over three steps, written out: b₁ = a₀ + x₀b₀, b₂ = b₀ + x₀b₁, b₃ = b₁ + x₀b₂ (a₀ = x₁, b₀ = x₂).
        Expression<Func<double[], double>> fold = x => Enumerable.Range(0, 3).Aggregate(ValueTuple.Create(x[1], x[2]),
            (s, t) => ValueTuple.Create(s.Item2, s.Item1 + x[0] * s.Item2), s => s.Item2);
        Expression<Func<double[], double>> unrolled = x =>
            (x[1] + x[0] * x[2]) + x[0] * (x[2] + x[0] * (x[1] + x[0] * x[2]));
        double[] point = [0.6, 1.1, -0.4];
        var (g1, g2) = (new double[3], new double[3]);
        Assert.Equal(unrolled.Compile()(point), fold.CompileGradient()(point, g1), 1e-13);
        unrolled.CompileGradient()(point, g2);
        for (var i = 0; i < 3; i++) Assert.Equal(g2[i], g1[i], 1e-12);
    }

    [Fact]
    public void A_tuple_state_used_whole_is_refused_naming_the_fold()
    {
        Expression<Func<double[], double>> f = x => x.Aggregate(ValueTuple.Create(0.0, 1.0),
            (s, v) => v > 0 ? s : ValueTuple.Create(s.Item2, v), s => s.Item1);
        var error = Assert.Throws<NotSupportedException>(() => f.CompileGradient());
        Assert.Contains(".Item1", error.Message);
    }

    [Fact]
    public void A_tuple_holding_another_type_than_double_is_refused_naming_it()
    {
        Expression<Func<double[], double>> f = x => x.Aggregate(ValueTuple.Create(0.0, 1), (s, v) => ValueTuple.Create(s.Item1 + v, s.Item2 + 1), s => s.Item1);
        var error = Assert.Throws<NotSupportedException>(() => f.CompileGradient());
        Assert.Contains("tuple of 2 to 7 doubles", error.Message);
        Assert.Contains("Aggregate", error.Message);
    }
}
