using Symbolic.Tests.Models;

namespace Symbolic.Tests.Backpropagation;

/// <summary>Backpropagation on the zoo equals the gradients written by hand, compiled and interpreted.</summary>
public class ZooGradientTests
{
    private const double Relative = 1e-10;

    [Theory]
    [MemberData(nameof(ZooCases.Models), MemberType = typeof(ZooCases))]
    public void Grad_equals_the_hand_written_gradient(string name)
    {
        var model = ModelZoo.ByName(name);
        var gradient = model.Function.Grad();

        foreach (var compiled in new[] { gradient.Compile(), gradient.Compile(preferInterpretation: true) })
            foreach (var x in model.Points)
                Close.Vectors(model.Gradient(x), compiled(x), Relative, scale: TermScale(model, x));
    }

    [Theory]
    [MemberData(nameof(ZooCases.Models), MemberType = typeof(ZooCases))]
    public void CompileGradient_writes_the_hand_written_gradient_and_returns_the_value(string name)
    {
        var model = ModelZoo.ByName(name);
        var f = model.Function.Compile();

        foreach (var x in model.Points)
        {
            var buffer = new double[x.Length];
            var value = model.Function.CompileGradient()(x, buffer);

            Close.Vectors(model.Gradient(x), buffer, Relative, scale: TermScale(model, x));
            Close.Vectors([f(x)], [value], Relative);
        }
    }

    [Theory]
    [MemberData(nameof(ZooCases.Models), MemberType = typeof(ZooCases))]
    public void The_interpreted_GradientExpression_writes_the_hand_written_gradient_and_returns_the_value(string name)
    {
        var model = ModelZoo.ByName(name);
        var f = model.Function.Compile();
        var interpreted = model.Function.GradientExpression().Compile(preferInterpretation: true);

        foreach (var x in model.Points)
        {
            var buffer = new double[x.Length];
            var value = interpreted(x, buffer);

            Close.Vectors(model.Gradient(x), buffer, Relative, scale: TermScale(model, x));
            Close.Vectors([f(x)], [value], Relative);
        }
    }

    /// <summary>For f = Σ rᵢ², entry k of 2·Jᵀr sums the terms 2·rᵢ·Jᵢₖ: their absolute sum is the scale of its rounding.</summary>
    internal static double[]? TermScale(TestFunction model, double[] x)
    {
        if (model.Residuals is null) return null;
        var r = model.Residuals.Values(x);
        var j = model.Residuals.Jacobian(x);
        return [.. Enumerable.Range(0, x.Length).Select(k => Enumerable.Range(0, r.Length).Sum(i => Math.Abs(2 * r[i] * j[i, k])))];
    }
}
