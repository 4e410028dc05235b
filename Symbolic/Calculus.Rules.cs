using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;

namespace Symbolic;

public static partial class Calculus
{
    /// <summary>
    /// Defines, in <see cref="DerivativeRegistry.Default"/>, the derivative of a static method of one
    /// double so that it can be called inside models: <c>Calculus.Define(x =&gt; SoftClip(x), x =&gt; 1 - Math.Pow(Math.Tanh(x), 2))</c>.
    /// </summary>
    /// <param name="function">A lambda that only calls the method with its parameter.</param>
    /// <param name="derivative">The derivative, as a function of the same parameter.</param>
    public static void Define(Expression<Func<double, double>> function, Expression<Func<double, double>> derivative) =>
        DerivativeRegistry.Default.Define(function, derivative);

    /// <summary>Defines, in <see cref="DerivativeRegistry.Default"/>, the partial derivatives of a static method of two doubles.</summary>
    /// <param name="function">A lambda that only calls the method with its parameters, in order.</param>
    /// <param name="partialFirst">∂F/∂x as a function of (x, y).</param>
    /// <param name="partialSecond">∂F/∂y as a function of (x, y).</param>
    public static void Define(Expression<Func<double, double, double>> function,
        Expression<Func<double, double, double>> partialFirst, Expression<Func<double, double, double>> partialSecond) =>
        DerivativeRegistry.Default.Define(function, partialFirst, partialSecond);

    /// <summary>Diff with the rules of <paramref name="registry"/> (and its parents).</summary>
    /// <param name="f">The function.</param>
    /// <param name="registry">The derivative rules to use for users' methods.</param>
    public static Expression<Func<double, double>> Diff(this Expression<Func<double, double>> f, DerivativeRegistry registry)
    {
        var context = ContextFor(registry);
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<double, double>>)Pipeline.ScalarRecipes.Partial(context, f, 0, SimplificationLevel.Algebraic);
    }

    /// <summary>Grad with the rules of <paramref name="registry"/> (and its parents).</summary>
    /// <param name="f">The function.</param>
    /// <param name="registry">The derivative rules to use for users' methods.</param>
    public static Expression<Func<double[], double[]>> Grad(this Expression<Func<double[], double>> f, DerivativeRegistry registry)
    {
        var context = ContextFor(registry);
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<double[], double[]>>)Pipeline.GradientOutputs.Grad(context, f);
    }

    /// <summary>CompileGradient with the rules of <paramref name="registry"/> (and its parents); cached per registry state.</summary>
    /// <param name="f">The function.</param>
    /// <param name="registry">The derivative rules to use for users' methods.</param>
    [RequiresDynamicCode(DynamicCode.CompilesDelegate)]
    public static GradientFunc CompileGradient(this Expression<Func<double[], double>> f, DerivativeRegistry registry)
    {
        var context = ContextFor(registry);
        ArgumentNullException.ThrowIfNull(f);
        return context.Cached(f, "gradient", Pipeline.GradientOutputs.CompiledGradient<GradientFunc>);
    }

    /// <summary>Hessian with the rules of <paramref name="registry"/> (and its parents).</summary>
    /// <param name="f">The function.</param>
    /// <param name="registry">The derivative rules to use for users' methods.</param>
    public static Expression<Func<double[], double[,]>> Hessian(this Expression<Func<double[], double>> f, DerivativeRegistry registry)
    {
        var context = ContextFor(registry);
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<double[], double[,]>>)Pipeline.GradientRecipes.Hessian(context, f);
    }
}
