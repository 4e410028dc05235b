using System.Linq.Expressions;
using System.Runtime.ExceptionServices;

namespace Symbolic.Tests.Robustness;

/// <summary>
/// Long sums and products, written as left-deep chains of tens of thousands of operations, are differentiated,
/// simplified and compiled on a thread with a 1 MB stack (the default for threads other than the main one). A
/// stack overflow kills the test host, so each size is past the depth that overflowed before the fix, and no larger.
/// </summary>
public class LongChainStackTests
{
    private const int OneMegabyte = 1 << 20;

    // Forward mode used to walk a tangent's chain of additions recursively at every step: it overflowed a 1 MB stack
    // past about 32,000 terms.
    private const int Terms = 40_000;
    private const int Factors = 10_000;

    private static readonly ParameterExpression X = Expression.Parameter(typeof(double), "x");

    private static double Shift(int k) => k * 1e-3;

    /// <summary>(x + a₁)² + (x + a₂)² + … as a left-deep chain of additions, aₖ = k/1000.</summary>
    private static Expression<Func<double, double>> SumOfSquares(int n) => Expression.Lambda<Func<double, double>>(
        Enumerable.Range(1, n).Select(k =>
        {
            var shifted = Expression.Add(X, Expression.Constant(Shift(k)));
            return (Expression)Expression.Multiply(shifted, shifted);
        }).Aggregate(Expression.Add), X);

    private static double Rate(int k) => k * 1e-8;

    /// <summary>(1 + b₁x)·(1 + b₂x)·… as a left-deep chain of multiplications, bₖ = k·10⁻⁸.</summary>
    private static Expression<Func<double, double>> ProductOfLinearFactors(int n) => Expression.Lambda<Func<double, double>>(
        Enumerable.Range(1, n).Select(k => (Expression)Expression.Add(Expression.Constant(1.0), Expression.Multiply(Expression.Constant(Rate(k)), X)))
            .Aggregate(Expression.Multiply), X);

    [Fact]
    public void The_derivative_of_a_forty_thousand_term_sum_is_built_and_compiled_on_a_one_megabyte_stack()
    {
        var derivative = OnOneMegabyteStack(() => SumOfSquares(Terms).Diff().Compile());

        // d/dx Σ (x + aₖ)² = 2·n·x + 2·Σ aₖ.
        var expected = 2 * Terms * 0.3 + 2 * Enumerable.Range(1, Terms).Sum(Shift);
        Assert.Equal(expected, derivative(0.3), expected * 1e-12);
    }

    [Fact]
    public void The_simplified_forty_thousand_term_sum_compiles_on_a_one_megabyte_stack()
    {
        var simplified = OnOneMegabyteStack(() => SumOfSquares(Terms).Simplify().Compile());

        var expected = Enumerable.Range(1, Terms).Sum(k => (0.3 + Shift(k)) * (0.3 + Shift(k)));
        Assert.Equal(expected, simplified(0.3), expected * 1e-12);
    }

    [Fact]
    public void The_derivative_of_a_ten_thousand_factor_product_is_built_and_compiled_on_a_one_megabyte_stack()
    {
        var derivative = OnOneMegabyteStack(() => ProductOfLinearFactors(Factors).Diff().Compile());

        // d/dx Π (1 + bₖx) = Π (1 + bₖx) · Σ bₖ/(1 + bₖx).
        const double x = 0.7;
        var product = Enumerable.Range(1, Factors).Aggregate(1.0, (p, k) => p * (1 + Rate(k) * x));
        var expected = product * Enumerable.Range(1, Factors).Sum(k => Rate(k) / (1 + Rate(k) * x));
        Assert.Equal(expected, derivative(x), expected * 1e-9);
    }

    /// <summary>Runs <paramref name="work"/> on a new thread with a 1 MB stack and returns its result (or rethrows its exception).</summary>
    private static T OnOneMegabyteStack<T>(Func<T> work)
    {
        T? result = default;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try { result = work(); }
            catch (Exception e) { failure = ExceptionDispatchInfo.Capture(e); }
        }, OneMegabyte);
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result!;
    }
}
