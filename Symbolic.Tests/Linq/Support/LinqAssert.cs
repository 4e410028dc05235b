using System.Linq.Expressions;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Linq.Support;

/// <summary>
/// A LINQ model against what it means: its value against .NET's own compilation of it and of a
/// hand-expanded equivalent (constant indexes), and its gradient from every entry point against the
/// expansion's gradient (tightly: only the order of summation differs) and against Richardson
/// central differences of the LINQ model compiled by .NET (the independent oracle).
/// </summary>
internal static class LinqAssert
{
    /// <summary>Two computations of the same sum in different orders.</summary>
    public const double Tight = 1e-10;

    /// <summary>Derivatives against finite differences.</summary>
    public const double Numerical = 1e-6;

    public static void MatchesExpansion(Expression<Func<double[], double>> linq, Expression<Func<double[], double>> expanded, double[] w) =>
        Matches(ModelViews.Of(linq), w, expanded.Compile()(w), expanded.Grad().Compile()(w));

    public static void MatchesExpansion<T>(Expression<Func<double[], T, double>> linq, Expression<Func<double[], T, double>> expanded, double[] w, T data) =>
        Matches(ModelViews.Of(linq, data), w, expanded.Compile()(w, data), expanded.Grad().Compile()(w, data));

    public static void MatchesExpansion<T1, T2>(Expression<Func<double[], T1, T2, double>> linq, Expression<Func<double[], T1, T2, double>> expanded, double[] w, T1 data1, T2 data2) =>
        Matches(ModelViews.Of(linq, data1, data2), w, expanded.Compile()(w, data1, data2), expanded.Grad().Compile()(w, data1, data2));

    /// <summary>The model's value is .NET's, and its gradient from every entry point is the hand-written one.</summary>
    public static void HasGradient(ModelViews model, double[] w, double[] expected) => Matches(model, w, model.Value(w), expected);

    private static void Matches(ModelViews model, double[] w, double expectedValue, double[] expectedGradient)
    {
        var value = model.Value(w);
        Tolerance.AssertAgree("the LINQ model, compiled by .NET, differs from its expansion", model.Model, w, expectedValue, value, 0, Tight);
        AgreesWithFiniteDifferences("the expected gradient (the oracle) disagrees with finite differences of the LINQ model", model, w, expectedGradient);

        var buffer = Enumerable.Repeat(double.NaN, w.Length).ToArray();
        var returned = model.CompiledGradient(w, buffer);
        Tolerance.AssertAgree("CompileGradient returns a different value from the LINQ model", model.Model, w, value, returned, 0, Tight);
        Vectors("CompileGradient", model.Model, w, expectedGradient, buffer);
        var grad = model.Grad(w);
        Vectors("Grad", model.Model, w, expectedGradient, grad);

        Same("Grad, interpreted", model.Model, w, grad, model.GradInterpreted(w));
        var interpretedBuffer = new double[w.Length];
        Tolerance.AssertSame("GradientExpression, interpreted, returns a different value", model.Model, w, returned, model.InterpretedGradient(w, interpretedBuffer));
        Same("GradientExpression, interpreted", model.Model, w, buffer, interpretedBuffer);
    }

    /// <summary>Each entry against Ridders' extrapolated central differences of the model (whose error estimate must be small).</summary>
    public static void AgreesWithFiniteDifferences(string claim, ModelViews model, double[] w, double[] gradient)
    {
        Assert.Equal(w.Length, gradient.Length);
        for (var i = 0; i < w.Length; i++)
        {
            var estimate = FiniteDifference.Partial(model.Value, w, i);
            Assert.True(estimate.IsReliable(Numerical / 10), $"finite differences are unreliable for entry {i} of {model.Model} (error {estimate.Error:G3}): choose another point");
            Tolerance.AssertAgree($"{claim}: entry {i}", model.Model, w, estimate.Derivative, gradient[i], 1, Numerical);
        }
    }

    /// <summary>Entry by entry within <see cref="Tight"/> of the largest entry (sums may cancel).</summary>
    public static void Vectors(string source, LambdaExpression f, double[] w, double[] expected, double[] actual)
    {
        Assert.True(expected.Length == actual.Length, $"{source} has {actual.Length} entries, expected {expected.Length}, for {f}");
        var scale = expected.Length == 0 ? 0 : expected.Max(Math.Abs);
        for (var i = 0; i < expected.Length; i++)
            Tolerance.AssertAgree($"{source}: gradient entry {i} is wrong", f, w, expected[i], actual[i], scale, Tight);
    }

    private static void Same(string source, LambdaExpression f, double[] w, double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Tolerance.AssertSame($"{source}: gradient entry {i} differs from the compiled one", f, w, expected[i], actual[i]);
    }
}
