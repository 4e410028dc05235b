using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;

namespace Symbolic;

/// <summary>Gradients of float models over data (float[], float[][], float[,] …): with respect to the first parameter, the others held constant.</summary>
public static partial class SingleCalculus
{
    /// <summary>The gradient with respect to <c>w</c> of a float model over data, e.g. <c>(w, xs) =&gt; xs.Sum(x =&gt; (w[0] * x + w[1]) * (w[0] * x + w[1]))</c>.</summary>
    /// <typeparam name="T1">The data's type.</typeparam>
    /// <param name="f">The model; the data is a parameter, not differentiated.</param>
    /// <returns>(w, data) =&gt; ∇_w f(w, data).</returns>
    public static Expression<Func<float[], T1, float[]>> Grad<T1>(this Expression<Func<float[], T1, float>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<float[], T1, float[]>>)Pipeline.GradientOutputs.Grad(Calculus.DefaultContext, f);
    }

    /// <summary>The gradient with respect to <c>w</c> of a float model over two data parameters (e.g. inputs and targets).</summary>
    /// <typeparam name="T1">The first data parameter's type.</typeparam>
    /// <typeparam name="T2">The second data parameter's type.</typeparam>
    /// <param name="f">The model.</param>
    /// <returns>(w, data1, data2) =&gt; ∇_w f.</returns>
    public static Expression<Func<float[], T1, T2, float[]>> Grad<T1, T2>(this Expression<Func<float[], T1, T2, float>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<float[], T1, T2, float[]>>)Pipeline.GradientOutputs.Grad(Calculus.DefaultContext, f);
    }

    /// <summary>Value and gradient with respect to <c>w</c> of a float model over data, in one pass; cached; allocation-free per call.</summary>
    /// <typeparam name="T1">The data's type.</typeparam>
    /// <param name="f">The model.</param>
    /// <returns>The compiled value-and-gradient function.</returns>
    [RequiresDynamicCode(DynamicCode.CompilesDelegate)]
    public static SingleGradientFunc<T1> CompileGradient<T1>(this Expression<Func<float[], T1, float>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Calculus.DefaultContext.Cached(f, "gradient", Pipeline.GradientOutputs.CompiledGradient<SingleGradientFunc<T1>>);
    }

    /// <summary>Value and gradient with respect to <c>w</c> of a float model over two data parameters; cached; allocation-free per call.</summary>
    /// <typeparam name="T1">The first data parameter's type.</typeparam>
    /// <typeparam name="T2">The second data parameter's type.</typeparam>
    /// <param name="f">The model.</param>
    /// <returns>The compiled value-and-gradient function.</returns>
    [RequiresDynamicCode(DynamicCode.CompilesDelegate)]
    public static SingleGradientFunc<T1, T2> CompileGradient<T1, T2>(this Expression<Func<float[], T1, T2, float>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Calculus.DefaultContext.Cached(f, "gradient", Pipeline.GradientOutputs.CompiledGradient<SingleGradientFunc<T1, T2>>);
    }

    /// <summary>The Hessian with respect to <c>w</c> of a float model over data (w.Length × w.Length), in float.</summary>
    /// <typeparam name="T1">The data's type.</typeparam>
    /// <param name="f">The model.</param>
    /// <returns>(w, data) =&gt; H_w f(w, data).</returns>
    public static Expression<Func<float[], T1, float[,]>> Hessian<T1>(this Expression<Func<float[], T1, float>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<float[], T1, float[,]>>)Pipeline.GradientRecipes.Hessian(Calculus.DefaultContext, f);
    }

    /// <summary>Hessian–vector product with respect to <c>w</c> of a float model over data, without forming the Hessian.</summary>
    /// <typeparam name="T1">The data's type.</typeparam>
    /// <param name="f">The model.</param>
    /// <returns>(w, v, data) =&gt; H_w f(w, data) · v.</returns>
    public static Expression<Func<float[], float[], T1, float[]>> Hvp<T1>(this Expression<Func<float[], T1, float>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<float[], float[], T1, float[]>>)Pipeline.GradientRecipes.Hvp(Calculus.DefaultContext, f);
    }

    /// <summary>The Hessian with respect to <c>w</c> of a float model over two data parameters (w.Length × w.Length), in float.</summary>
    /// <typeparam name="T1">The first data parameter's type.</typeparam>
    /// <typeparam name="T2">The second data parameter's type.</typeparam>
    /// <param name="f">The model.</param>
    /// <returns>(w, data1, data2) =&gt; H_w f(w, data1, data2).</returns>
    public static Expression<Func<float[], T1, T2, float[,]>> Hessian<T1, T2>(this Expression<Func<float[], T1, T2, float>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<float[], T1, T2, float[,]>>)Pipeline.GradientRecipes.Hessian(Calculus.DefaultContext, f);
    }

    /// <summary>Hessian–vector product with respect to <c>w</c> of a float model over two data parameters, without forming the Hessian.</summary>
    /// <typeparam name="T1">The first data parameter's type.</typeparam>
    /// <typeparam name="T2">The second data parameter's type.</typeparam>
    /// <param name="f">The model.</param>
    /// <returns>(w, v, data1, data2) =&gt; H_w f(w, data1, data2) · v.</returns>
    public static Expression<Func<float[], float[], T1, T2, float[]>> Hvp<T1, T2>(this Expression<Func<float[], T1, T2, float>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<float[], float[], T1, T2, float[]>>)Pipeline.GradientRecipes.Hvp(Calculus.DefaultContext, f);
    }

    /// <summary>The value-and-gradient function of a float model over data as an expression tree: the program <see cref="CompileGradient{T1}"/> compiles.</summary>
    /// <typeparam name="T1">The data's type.</typeparam>
    /// <param name="f">The model.</param>
    /// <returns>(w, data, gradient) =&gt; { gradient = ∇_w f; return f }.</returns>
    public static Expression<SingleGradientFunc<T1>> GradientExpression<T1>(this Expression<Func<float[], T1, float>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Pipeline.GradientOutputs.CompileableGradient<SingleGradientFunc<T1>>(Calculus.DefaultContext, f);
    }

    /// <summary>The value-and-gradient function of a float model over two data parameters as an expression tree.</summary>
    /// <typeparam name="T1">The first data parameter's type.</typeparam>
    /// <typeparam name="T2">The second data parameter's type.</typeparam>
    /// <param name="f">The model.</param>
    /// <returns>(w, data1, data2, gradient) =&gt; { gradient = ∇_w f; return f }.</returns>
    public static Expression<SingleGradientFunc<T1, T2>> GradientExpression<T1, T2>(this Expression<Func<float[], T1, T2, float>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Pipeline.GradientOutputs.CompileableGradient<SingleGradientFunc<T1, T2>>(Calculus.DefaultContext, f);
    }

    /// <summary>The value-and-gradient source of a float model over data (<c>(w, data, gradient) =&gt; …</c>).</summary>
    /// <typeparam name="T1">The data's type.</typeparam>
    /// <param name="f">The model.</param>
    /// <param name="methodName">The method's name.</param>
    /// <returns>The C# source.</returns>
#pragma warning disable RS0026 // the overloads differ by generic arity and model type: no call binds to two of them
    public static string ToCSharpGradient<T1>(this Expression<Func<float[], T1, float>> f, string methodName = "ValueAndGradient")
#pragma warning restore RS0026
    {
        ArgumentNullException.ThrowIfNull(f);
        Diagnostics.Errors.RequireIdentifier(methodName, nameof(methodName));
        var gradient = Pipeline.GradientOutputs.CompileableGradient<SingleGradientFunc<T1>>(Calculus.DefaultContext, f, withComments: true);
        return CodeGeneration.CSharpWriter.Write(gradient, methodName, gradient.Parameters[^1]);
    }

    /// <summary>The value-and-gradient source of a float model over two data parameters.</summary>
    /// <typeparam name="T1">The first data parameter's type.</typeparam>
    /// <typeparam name="T2">The second data parameter's type.</typeparam>
    /// <param name="f">The model.</param>
    /// <param name="methodName">The method's name.</param>
    /// <returns>The C# source.</returns>
#pragma warning disable RS0026 // differs from the other overloads by generic arity and model type: no call binds to two of them
    public static string ToCSharpGradient<T1, T2>(this Expression<Func<float[], T1, T2, float>> f, string methodName = "ValueAndGradient")
#pragma warning restore RS0026
    {
        ArgumentNullException.ThrowIfNull(f);
        Diagnostics.Errors.RequireIdentifier(methodName, nameof(methodName));
        var gradient = Pipeline.GradientOutputs.CompileableGradient<SingleGradientFunc<T1, T2>>(Calculus.DefaultContext, f, withComments: true);
        return CodeGeneration.CSharpWriter.Write(gradient, methodName, gradient.Parameters[^1]);
    }
}
