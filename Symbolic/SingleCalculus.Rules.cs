using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;

namespace Symbolic;

/// <summary>User rules for float methods, and the float entry points that take a <see cref="DerivativeRegistry"/>.</summary>
public static partial class SingleCalculus
{
    /// <summary>
    /// Defines, in <see cref="DerivativeRegistry.Default"/>, the derivative of a static method of one float so that float
    /// models can call it: <c>SingleCalculus.Define(x =&gt; SoftClipF(x), x =&gt; 1 - MathF.Tanh(x) * MathF.Tanh(x))</c>.
    /// </summary>
    /// <param name="function">A lambda that only calls the method with its parameter.</param>
    /// <param name="derivative">The derivative, as a float function of the same parameter.</param>
    public static void Define(Expression<Func<float, float>> function, Expression<Func<float, float>> derivative) =>
        DerivativeRegistry.Default.Define(function, derivative);

    /// <summary>Defines, in <see cref="DerivativeRegistry.Default"/>, the partial derivatives of a static method of two floats.</summary>
    /// <param name="function">A lambda that only calls the method with its parameters, in order.</param>
    /// <param name="partialFirst">∂F/∂x as a float function of (x, y).</param>
    /// <param name="partialSecond">∂F/∂y as a float function of (x, y).</param>
    public static void Define(Expression<Func<float, float, float>> function,
        Expression<Func<float, float, float>> partialFirst, Expression<Func<float, float, float>> partialSecond) =>
        DerivativeRegistry.Default.Define(function, partialFirst, partialSecond);

    /// <summary>Diff in float with the rules of <paramref name="registry"/> (and its parents).</summary>
    /// <param name="f">The function.</param>
    /// <param name="registry">The derivative rules to use for users' methods.</param>
    /// <returns>f′ as an expression tree of float arithmetic.</returns>
    public static Expression<Func<float, float>> Diff(this Expression<Func<float, float>> f, DerivativeRegistry registry)
    {
        var context = ContextFor(registry);
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<float, float>>)Pipeline.ScalarRecipes.Partial(context, f, 0, SimplificationLevel.Algebraic);
    }

    /// <summary>Grad in float with the rules of <paramref name="registry"/> (and its parents).</summary>
    /// <param name="f">The function.</param>
    /// <param name="registry">The derivative rules to use for users' methods.</param>
    /// <returns>x =&gt; ∇f(x).</returns>
    public static Expression<Func<float[], float[]>> Grad(this Expression<Func<float[], float>> f, DerivativeRegistry registry)
    {
        var context = ContextFor(registry);
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<float[], float[]>>)Pipeline.GradientOutputs.Grad(context, f);
    }

    /// <summary>CompileGradient in float with the rules of <paramref name="registry"/> (and its parents); cached per registry state.</summary>
    /// <param name="f">The function.</param>
    /// <param name="registry">The derivative rules to use for users' methods.</param>
    /// <returns>The compiled value-and-gradient function.</returns>
    [RequiresDynamicCode(DynamicCode.CompilesDelegate)]
    public static SingleGradientFunc CompileGradient(this Expression<Func<float[], float>> f, DerivativeRegistry registry)
    {
        var context = ContextFor(registry);
        ArgumentNullException.ThrowIfNull(f);
        return context.Cached(f, "gradient", Pipeline.GradientOutputs.CompiledGradient<SingleGradientFunc>);
    }

    /// <summary>Hessian in float with the rules of <paramref name="registry"/> (and its parents).</summary>
    /// <param name="f">The function.</param>
    /// <param name="registry">The derivative rules to use for users' methods.</param>
    /// <returns>x =&gt; H(x).</returns>
    public static Expression<Func<float[], float[,]>> Hessian(this Expression<Func<float[], float>> f, DerivativeRegistry registry)
    {
        var context = ContextFor(registry);
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<float[], float[,]>>)Pipeline.GradientRecipes.Hessian(context, f);
    }

    /// <summary>The default context with <paramref name="registry"/>'s rules (and the same cache, keyed by registry).</summary>
    private static Pipeline.CompilationContext ContextFor(DerivativeRegistry registry) =>
        Calculus.DefaultContext.WithRegistry(registry ?? throw new ArgumentNullException(nameof(registry)));
}
