using System.Linq.Expressions;

namespace Symbolic.Tests.Linq.Support;

/// <summary>
/// One model of the parameters w seen through every entry point at once, with its data bound: the
/// model compiled by .NET itself (the reference value), <c>Grad</c> compiled and interpreted,
/// <c>CompileGradient</c>, and <c>GradientExpression</c> run by the interpreter.
/// </summary>
internal sealed record ModelViews(
    LambdaExpression Model,
    Func<double[], double> Value,
    Func<double[], double[]> Grad,
    Func<double[], double[]> GradInterpreted,
    GradientFunc CompiledGradient,
    GradientFunc InterpretedGradient)
{
    public static ModelViews Of(Expression<Func<double[], double>> f)
    {
        var grad = f.Grad();
        var interpreted = f.GradientExpression().Compile(preferInterpretation: true);
        return new(f, f.Compile(), grad.Compile(), grad.Compile(preferInterpretation: true), f.CompileGradient(), interpreted);
    }

    public static ModelViews Of<T>(Expression<Func<double[], T, double>> f, T data)
    {
        var (value, grad, gradInterpreted) = (f.Compile(), f.Grad().Compile(), f.Grad().Compile(preferInterpretation: true));
        var (compiled, interpreted) = (f.CompileGradient(), f.GradientExpression().Compile(preferInterpretation: true));
        return new(f, w => value(w, data), w => grad(w, data), w => gradInterpreted(w, data),
            (w, g) => compiled(w, data, g), (w, g) => interpreted(w, data, g));
    }

    public static ModelViews Of<T1, T2>(Expression<Func<double[], T1, T2, double>> f, T1 data1, T2 data2)
    {
        var (value, grad, gradInterpreted) = (f.Compile(), f.Grad().Compile(), f.Grad().Compile(preferInterpretation: true));
        var (compiled, interpreted) = (f.CompileGradient(), f.GradientExpression().Compile(preferInterpretation: true));
        return new(f, w => value(w, data1, data2), w => grad(w, data1, data2), w => gradInterpreted(w, data1, data2),
            (w, g) => compiled(w, data1, data2, g), (w, g) => interpreted(w, data1, data2, g));
    }
}
