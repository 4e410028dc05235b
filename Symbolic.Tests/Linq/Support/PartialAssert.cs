using System.Linq.Expressions;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Linq.Support;

/// <summary>
/// Forward mode through sums over data: the derivative with respect to a scalar parameter a of a model
/// over data, from <c>Partial</c> (or <c>Diff</c>), against the hand-expanded model's derivative and
/// against finite differences of the LINQ model compiled by .NET; compiled and interpreted agree exactly.
/// </summary>
internal static class PartialAssert
{
    public static void MatchesExpansion<T>(Expression<Func<double, T, double>> linq, Expression<Func<double, T, double>> expanded, double a, T data)
    {
        var value = linq.Compile();
        var derivative = (Expression<Func<double, T, double>>)linq.Partial(0);
        var expectedDerivative = ((Expression<Func<double, T, double>>)expanded.Partial(0)).Compile()(a, data);
        Check(linq, a, x => value(x, data), expanded.Compile()(a, data), expectedDerivative,
            derivative.Compile()(a, data), derivative.Compile(preferInterpretation: true)(a, data));
    }

    public static void MatchesExpansion(Expression<Func<double, double>> linq, Expression<Func<double, double>> expanded, double a)
    {
        var derivative = linq.Diff();
        Check(linq, a, linq.Compile(), expanded.Compile()(a), expanded.Diff().Compile()(a),
            derivative.Compile()(a), derivative.Compile(preferInterpretation: true)(a));
    }

    private static void Check(LambdaExpression linq, double a, Func<double, double> value, double expandedValue, double expected, double compiled, double interpreted)
    {
        double[] at = [a];
        Tolerance.AssertAgree("the LINQ model, compiled by .NET, differs from its expansion", linq, at, expandedValue, value(a), 0, LinqAssert.Tight);
        var estimate = FiniteDifference.Derivative(value, a);
        Assert.True(estimate.IsReliable(LinqAssert.Numerical / 10), $"finite differences are unreliable for {linq} at {a} (error {estimate.Error:G3}): choose another point");
        Tolerance.AssertAgree("the expansion's derivative (the oracle) disagrees with finite differences", linq, at, estimate.Derivative, expected, 1, LinqAssert.Numerical);
        Tolerance.AssertAgree("the derivative through the sum is wrong", linq, at, expected, compiled, 0, LinqAssert.Tight);
        Tolerance.AssertSame("the derivative, interpreted, differs from the compiled one", linq, at, compiled, interpreted);
    }
}
