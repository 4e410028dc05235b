using System.Linq.Expressions;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Folds;

/// <summary>
/// Checks a fold model's compiled gradient against independent oracles: the value against the model run by
/// LINQ itself (<c>Compile()</c> of the expression, whose Aggregate is the BCL's), every partial against
/// Richardson-extrapolated central differences of that same LINQ delegate.
/// </summary>
internal static class FoldAssert
{
    public static double[] GradientMatchesFiniteDifferences(Expression<Func<double[], double>> f, double[] point, double relative = 1e-6)
    {
        var linq = f.Compile();
        var gradient = new double[point.Length];
        var value = f.CompileGradient()(point, gradient);
        Assert.True(Tolerance.Agree(linq(point), value), $"value {value} vs LINQ {linq(point)}");
        for (var i = 0; i < point.Length; i++)
        {
            var estimate = FiniteDifference.Partial(linq, point, i);
            Assert.True(Math.Abs(estimate.Derivative - gradient[i]) <= relative * Math.Max(1, Math.Abs(estimate.Derivative)) + 4 * estimate.Error,
                $"∂f/∂x[{i}]: {gradient[i]} vs finite differences {estimate.Derivative} ± {estimate.Error}");
        }
        var grad = f.Grad().Compile()(point);
        for (var i = 0; i < point.Length; i++) Assert.True(Tolerance.Agree(gradient[i], grad[i]), $"Grad and CompileGradient differ at {i}");
        return gradient;
    }
}
