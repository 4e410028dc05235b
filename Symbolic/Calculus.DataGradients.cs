using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;

namespace Symbolic;

/// <summary>Gradients of models over data: with respect to the first parameter, the others held constant.</summary>
public static partial class Calculus
{
    /// <summary>
    /// The gradient with respect to the parameters <c>w</c> of a model over data, e.g.
    /// <c>(w, xs) =&gt; xs.Sum(x =&gt; Math.Pow(w[0] * x + w[1], 2))</c>; the data parameter is not
    /// differentiated. LINQ loops stay loops: the gradient's size does not depend on the data.
    /// </summary>
    /// <typeparam name="T1">The data's type (any type, e.g. double[] or double[][]).</typeparam>
    /// <param name="f">The model.</param>
    /// <returns>(w, data) =&gt; ∇_w f(w, data).</returns>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule, or a LINQ form Symbolic does not read.</exception>
    public static Expression<Func<double[], T1, double[]>> Grad<T1>(this Expression<Func<double[], T1, double>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<double[], T1, double[]>>)Pipeline.GradientOutputs.Grad(DefaultContext, f);
    }

    /// <summary>The gradient with respect to <c>w</c> of a model over two data parameters (e.g. inputs and targets).</summary>
    /// <typeparam name="T1">The first data parameter's type.</typeparam>
    /// <typeparam name="T2">The second data parameter's type.</typeparam>
    /// <param name="f">The model, e.g. <c>(w, xs, ys) =&gt; xs.Zip(ys, (x, y) =&gt; Math.Pow(w[0] * x + w[1] - y, 2)).Average()</c>.</param>
    /// <returns>(w, data1, data2) =&gt; ∇_w f.</returns>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule, or a LINQ form Symbolic does not read.</exception>
    public static Expression<Func<double[], T1, T2, double[]>> Grad<T1, T2>(this Expression<Func<double[], T1, T2, double>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<double[], T1, T2, double[]>>)Pipeline.GradientOutputs.Grad(DefaultContext, f);
    }

    /// <summary>
    /// Value and gradient with respect to <c>w</c> in one pass over the data, written into the
    /// caller's buffer; cached; allocation-free per call.
    /// </summary>
    /// <typeparam name="T1">The data's type.</typeparam>
    /// <param name="f">The model.</param>
    /// <returns>The compiled value-and-gradient function.</returns>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule, or a LINQ form Symbolic does not read.</exception>
    [RequiresDynamicCode(DynamicCode.CompilesDelegate)]
    public static GradientFunc<T1> CompileGradient<T1>(this Expression<Func<double[], T1, double>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return DefaultContext.Cached(f, "gradient", Pipeline.GradientOutputs.CompiledGradient<GradientFunc<T1>>);
    }

    /// <summary>Value and gradient with respect to <c>w</c> of a model over two data parameters; cached; allocation-free per call.</summary>
    /// <typeparam name="T1">The first data parameter's type.</typeparam>
    /// <typeparam name="T2">The second data parameter's type.</typeparam>
    /// <param name="f">The model.</param>
    /// <returns>The compiled value-and-gradient function.</returns>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule, or a LINQ form Symbolic does not read.</exception>
    [RequiresDynamicCode(DynamicCode.CompilesDelegate)]
    public static GradientFunc<T1, T2> CompileGradient<T1, T2>(this Expression<Func<double[], T1, T2, double>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return DefaultContext.Cached(f, "gradient", Pipeline.GradientOutputs.CompiledGradient<GradientFunc<T1, T2>>);
    }

    /// <summary>The Hessian with respect to <c>w</c> of a model over data (w.Length × w.Length).</summary>
    /// <typeparam name="T1">The data's type.</typeparam>
    /// <param name="f">The model.</param>
    /// <returns>(w, data) =&gt; H_w f(w, data).</returns>
    public static Expression<Func<double[], T1, double[,]>> Hessian<T1>(this Expression<Func<double[], T1, double>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<double[], T1, double[,]>>)Pipeline.GradientRecipes.Hessian(DefaultContext, f);
    }

    /// <summary>
    /// Hessian–vector product with respect to <c>w</c> of a model over data, without forming the
    /// Hessian (forward over reverse; loops and scatters included).
    /// </summary>
    /// <typeparam name="T1">The data's type.</typeparam>
    /// <param name="f">The model.</param>
    /// <returns>(w, v, data) =&gt; H_w f(w, data) · v.</returns>
    public static Expression<Func<double[], double[], T1, double[]>> Hvp<T1>(this Expression<Func<double[], T1, double>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<double[], double[], T1, double[]>>)Pipeline.GradientRecipes.Hvp(DefaultContext, f);
    }

    /// <summary>The Hessian with respect to <c>w</c> of a model over two data parameters (w.Length × w.Length).</summary>
    /// <typeparam name="T1">The first data parameter's type.</typeparam>
    /// <typeparam name="T2">The second data parameter's type.</typeparam>
    /// <param name="f">The model, e.g. weighted least squares <c>(w, xs, ys) =&gt; …</c>.</param>
    /// <returns>(w, data1, data2) =&gt; H_w f(w, data1, data2).</returns>
    public static Expression<Func<double[], T1, T2, double[,]>> Hessian<T1, T2>(this Expression<Func<double[], T1, T2, double>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<double[], T1, T2, double[,]>>)Pipeline.GradientRecipes.Hessian(DefaultContext, f);
    }

    /// <summary>
    /// Hessian–vector product with respect to <c>w</c> of a model over two data parameters, without
    /// forming the Hessian (forward over reverse; loops and scatters included).
    /// </summary>
    /// <typeparam name="T1">The first data parameter's type.</typeparam>
    /// <typeparam name="T2">The second data parameter's type.</typeparam>
    /// <param name="f">The model.</param>
    /// <returns>(w, v, data1, data2) =&gt; H_w f(w, data1, data2) · v.</returns>
    public static Expression<Func<double[], double[], T1, T2, double[]>> Hvp<T1, T2>(this Expression<Func<double[], T1, T2, double>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<double[], double[], T1, T2, double[]>>)Pipeline.GradientRecipes.Hvp(DefaultContext, f);
    }

    /// <summary>
    /// The value-and-gradient function of a model over data as an expression tree (to print or inspect it): the program
    /// <see cref="CompileGradient{T1}(Expression{Func{double[], T1, double}})"/> compiles, recognised matrix products included (as calls into <c>Symbolic.Runtime</c>).
    /// </summary>
    /// <typeparam name="T1">The data's type.</typeparam>
    /// <param name="f">The model.</param>
    /// <returns>(w, data, gradient) =&gt; { gradient = ∇_w f; return f }.</returns>
    public static Expression<GradientFunc<T1>> GradientExpression<T1>(this Expression<Func<double[], T1, double>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Pipeline.GradientOutputs.CompileableGradient<GradientFunc<T1>>(DefaultContext, f);
    }

    /// <summary>The value-and-gradient function of a model over two data parameters as an expression tree.</summary>
    /// <typeparam name="T1">The first data parameter's type.</typeparam>
    /// <typeparam name="T2">The second data parameter's type.</typeparam>
    /// <param name="f">The model.</param>
    /// <returns>(w, data1, data2, gradient) =&gt; { gradient = ∇_w f; return f }.</returns>
    public static Expression<GradientFunc<T1, T2>> GradientExpression<T1, T2>(this Expression<Func<double[], T1, T2, double>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Pipeline.GradientOutputs.CompileableGradient<GradientFunc<T1, T2>>(DefaultContext, f);
    }
}
