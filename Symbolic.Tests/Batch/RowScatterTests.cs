using System.Linq.Expressions;
using Symbolic.CodeGeneration;
using Symbolic.Runtime;

namespace Symbolic.Tests.Batch;

/// <summary>
/// <see cref="RowScatter"/> on loops built by hand: several independent scatters in one loop are one
/// <c>RowMaps.AddScaled</c> call each, a position nested in sums or taken modulo a two-row base
/// (<c>(t·W + k) mod 2W</c>, a backward sweep's adjoint row) is a row start, and the calls give the loop's results.
/// Loops whose scatters read what another writes, or whose modulo could wrap inside the row, stay loops.
/// </summary>
public class RowScatterTests
{
    private const int W = 32;

    private static readonly ParameterExpression G = Expression.Parameter(typeof(double[]), "g");
    private static readonly ParameterExpression X = Expression.Parameter(typeof(double[]), "x");
    private static readonly ParameterExpression Y = Expression.Parameter(typeof(double[]), "y");
    private static readonly ParameterExpression T = Expression.Parameter(typeof(int), "t");
    private static readonly ParameterExpression S = Expression.Parameter(typeof(int), "s");
    private static readonly ParameterExpression C = Expression.Parameter(typeof(double), "c");
    private static readonly ParameterExpression K = Expression.Parameter(typeof(int), "k");

    private static Expression Int(int value) => Expression.Constant(value);

    /// <summary>g[((t·W) + k) mod 2W] += x[W·s + k]·c: Wᵀδ into row t of two rows of adjoints.</summary>
    private static Expression IntoTwoRows(int modulus) => Expression.AddAssign(
        Expression.ArrayAccess(G, Expression.Modulo(Expression.Add(Expression.Multiply(T, Int(W)), K), Int(modulus))),
        Expression.Multiply(Expression.ArrayAccess(X, Expression.Add(Expression.Multiply(Int(W), S), K)), C));

    /// <summary>g[2W + (W + ((s·W) + k))] += y[(t·W) + k]·c: δ·hᵀ into the accumulators after the two rows.</summary>
    private static Expression IntoAccumulator(ParameterExpression source) => Expression.AddAssign(
        Expression.ArrayAccess(G, Expression.Add(Int(2 * W), Expression.Add(Int(W), Expression.Add(Expression.Multiply(S, Int(W)), K)))),
        Expression.Multiply(Expression.ArrayAccess(source, Expression.Add(Expression.Multiply(T, Int(W)), K)), C));

    private static Action<double[], double[], double[], int, int, double> Compile(Expression code) =>
        Expression.Lambda<Action<double[], double[], double[], int, int, double>>(code, G, X, Y, T, S, C).Compile();

    private static void AgreesWithTheLoop(Expression body, Expression calls)
    {
        var (loop, rows) = (Compile(Loops.For(K, Int(W), body)), Compile(calls));
        var random = new Random(3);
        double[] Row(int n) => [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1)];
        var (x, y) = (Row(W * W), Row(W * 8));
        for (var t = 0; t < 6; t++)
            for (var s = 0; s < 3; s++)
            {
                var start = Row(2 * W + W + W * W);
                var (expected, actual) = (start.ToArray(), start.ToArray());
                var c = random.NextDouble() - 0.5;
                loop(expected, x, y, t, s, c);
                rows(actual, x, y, t, s, c);
                Assert.Equal(expected, actual);
            }
    }

    [Fact]
    public void Two_independent_scatters_in_one_loop_are_two_row_calls_with_the_loops_results()
    {
        var body = Expression.Block(IntoTwoRows(2 * W), IntoAccumulator(Y), Expression.Empty());

        var calls = RowScatter.TryBuild(K, Int(W), body);

        Assert.NotNull(calls);
        var block = Assert.IsAssignableFrom<BlockExpression>(calls);
        Assert.All(block.Expressions, e => Assert.Same(RowMaps.AddScaledMethod, Assert.IsAssignableFrom<MethodCallExpression>(e).Method));
        // Row t of the two rows starts at (t mod 2)·W; the accumulator's position loses its index, keeping its nesting.
        Assert.Equal("AddScaled(x, (32 * s), c, g, ((t % 2) * 32), 32)", block.Expressions[0].ToString());
        Assert.Equal("AddScaled(y, (t * 32), c, g, (64 + (32 + (s * 32))), 32)", block.Expressions[1].ToString());
        AgreesWithTheLoop(body, calls);
    }

    [Fact]
    public void A_position_modulo_a_multiple_of_the_row_stride_is_a_row_start()
    {
        // Four rows of W: row t at (t mod 4)·W.
        var body = IntoTwoRows(4 * W);

        var call = RowScatter.TryBuild(K, Int(W), body);

        Assert.Equal("AddScaled(x, (32 * s), c, g, ((t % 4) * 32), 32)", call?.ToString());
        AgreesWithTheLoop(body, call!);
    }

    [Theory]
    [InlineData(W + W / 2)] // the rows of W do not divide the modulus: a row could wrap
    [InlineData(W / 2)]     // a row of W wider than the modulus
    public void A_position_that_could_wrap_inside_the_row_stays_a_loop(int modulus) =>
        Assert.Null(RowScatter.TryBuild(K, Int(W), IntoTwoRows(modulus)));

    [Fact]
    public void Scatters_that_read_what_another_writes_stay_a_loop()
    {
        // The second scatter reads g, which the first writes while the loop runs.
        Assert.Null(RowScatter.TryBuild(K, Int(W), Expression.Block(IntoTwoRows(2 * W), IntoAccumulator(G))));
    }

    [Fact]
    public void A_loop_with_a_statement_that_is_not_a_scatter_stays_a_loop() =>
        Assert.Null(RowScatter.TryBuild(K, Int(W), Expression.Block(IntoTwoRows(2 * W), Expression.Assign(C, Expression.Convert(K, typeof(double))))));
}
