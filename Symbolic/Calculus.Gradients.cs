using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;

namespace Symbolic;

/// <summary>Reverse mode (backpropagation) and second order: gradients, Jacobians, Hessians and their products.</summary>
public static partial class Calculus
{
    /// <summary>
    /// The gradient ∇f by reverse mode (backpropagation), for f written over constant indexes of its
    /// parameter (<c>x =&gt; 100 * Math.Pow(x[1] - x[0] * x[0], 2) + Math.Pow(1 - x[0], 2)</c>).
    /// The result has x.Length entries, zero where f does not depend on x[i]; it is an ordinary
    /// expression tree, differentiable again (<c>Jacobian(Grad(f))</c> is the Hessian).
    /// </summary>
    /// <param name="f">A scalar function of a vector.</param>
    /// <returns>x =&gt; ∇f(x).</returns>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule, or indexes x with a non-constant.</exception>
    public static Expression<Func<double[], double[]>> Grad(this Expression<Func<double[], double>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<double[], double[]>>)Pipeline.GradientOutputs.Grad(DefaultContext, f);
    }

    /// <summary>The gradient of a function of two doubles, as a tuple: (x, y) =&gt; (∂f/∂x, ∂f/∂y).</summary>
    /// <param name="f">The function.</param>
    /// <returns>The gradient function.</returns>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule.</exception>
    public static Expression<Func<double, double, (double, double)>> Grad(this Expression<Func<double, double, double>> f) =>
        (Expression<Func<double, double, (double, double)>>)Pipeline.GradientRecipes.GradOfScalars(DefaultContext, f ?? throw new ArgumentNullException(nameof(f)));

    /// <summary>The gradient of a function of three doubles, as a tuple.</summary>
    /// <param name="f">The function.</param>
    /// <returns>The gradient function.</returns>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule.</exception>
    public static Expression<Func<double, double, double, (double, double, double)>> Grad(this Expression<Func<double, double, double, double>> f) =>
        (Expression<Func<double, double, double, (double, double, double)>>)Pipeline.GradientRecipes.GradOfScalars(DefaultContext, f ?? throw new ArgumentNullException(nameof(f)));

    /// <summary>The gradient of a function of four doubles, as a tuple.</summary>
    /// <param name="f">The function.</param>
    /// <returns>The gradient function.</returns>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule.</exception>
    public static Expression<Func<double, double, double, double, (double, double, double, double)>> Grad(this Expression<Func<double, double, double, double, double>> f) =>
        (Expression<Func<double, double, double, double, (double, double, double, double)>>)Pipeline.GradientRecipes.GradOfScalars(DefaultContext, f ?? throw new ArgumentNullException(nameof(f)));

    /// <summary>
    /// The hot path: value and gradient in one pass (one forward sweep keeping the intermediates, one
    /// backward sweep), writing the gradient into the caller's buffer. Compiled once per structurally
    /// equal expression (cached); the delegate allocates nothing per call and is thread-safe.
    /// </summary>
    /// <param name="f">A scalar function of a vector.</param>
    /// <returns>The compiled value-and-gradient function.</returns>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule, or indexes x with a non-constant.</exception>
    [RequiresDynamicCode(DynamicCode.CompilesDelegate)]
    public static GradientFunc CompileGradient(this Expression<Func<double[], double>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return DefaultContext.Cached(f, "gradient", Pipeline.GradientOutputs.CompiledGradient<GradientFunc>);
    }

    /// <summary>The value-and-gradient function as an expression tree, before compilation (to print or inspect it).</summary>
    /// <param name="f">A scalar function of a vector.</param>
    /// <returns>(x, gradient) =&gt; { gradient[i] = ∂f/∂x[i] ...; return f(x); }</returns>
    public static Expression<GradientFunc> GradientExpression(this Expression<Func<double[], double>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Pipeline.GradientOutputs.CompileableGradient<GradientFunc>(DefaultContext, f);
    }

    /// <summary>
    /// The Jacobian of a vector function written as <c>x =&gt; new[] { f0, f1, ... }</c>: a matrix with one
    /// row per output and x.Length columns. Reverse mode by rows when there are fewer outputs than
    /// variables, forward mode by columns otherwise; structurally zero entries cost nothing.
    /// </summary>
    /// <param name="f">The vector function.</param>
    /// <returns>x =&gt; J(x).</returns>
    /// <exception cref="NotSupportedException">f is not written as an array of expressions, or uses an operation without a rule.</exception>
    public static Expression<Func<double[], double[,]>> Jacobian(this Expression<Func<double[], double[]>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<double[], double[,]>>)Pipeline.GradientRecipes.Jacobian(DefaultContext, f);
    }

    /// <summary>
    /// The Hessian by forward-over-reverse, x.Length × x.Length. Only one triangle is computed
    /// (symmetry), and structurally zero entries are never built.
    /// </summary>
    /// <param name="f">A scalar function of a vector.</param>
    /// <returns>x =&gt; H(x).</returns>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule.</exception>
    public static Expression<Func<double[], double[,]>> Hessian(this Expression<Func<double[], double>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<double[], double[,]>>)Pipeline.GradientRecipes.Hessian(DefaultContext, f);
    }

    /// <summary>Jacobian–vector product (forward mode): (x, v) =&gt; J(x)·v, without forming J.</summary>
    /// <param name="f">The vector function, written as x =&gt; new[] { ... }.</param>
    /// <returns>(x, v) =&gt; J(x)·v, one entry per output.</returns>
    public static Expression<Func<double[], double[], double[]>> Jvp(this Expression<Func<double[], double[]>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<double[], double[], double[]>>)Pipeline.GradientRecipes.Jvp(DefaultContext, f);
    }

    /// <summary>Vector–Jacobian product (reverse mode): (x, u) =&gt; J(x)ᵀ·u, without forming J.</summary>
    /// <param name="f">The vector function, written as x =&gt; new[] { ... }.</param>
    /// <returns>(x, u) =&gt; J(x)ᵀ·u, x.Length entries.</returns>
    public static Expression<Func<double[], double[], double[]>> Vjp(this Expression<Func<double[], double[]>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<double[], double[], double[]>>)Pipeline.GradientRecipes.Vjp(DefaultContext, f);
    }

    /// <summary>Hessian–vector product (forward over reverse): (x, v) =&gt; H(x)·v, without forming H.</summary>
    /// <param name="f">A scalar function of a vector.</param>
    /// <returns>(x, v) =&gt; H(x)·v, x.Length entries.</returns>
    public static Expression<Func<double[], double[], double[]>> Hvp(this Expression<Func<double[], double>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<double[], double[], double[]>>)Pipeline.GradientRecipes.Hvp(DefaultContext, f);
    }

    /// <summary>The structurally non-zero (row, column) entries of the Hessian, detected exactly from the graph (both triangles).</summary>
    /// <param name="f">A scalar function of a vector.</param>
    /// <returns>The pairs, sorted by row then column.</returns>
    public static IReadOnlyList<(int Row, int Column)> HessianSparsity(this Expression<Func<double[], double>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Pipeline.GradientRecipes.HessianSparsity(DefaultContext, f);
    }

    /// <summary>The structurally non-zero (row, column) entries of the Jacobian, detected exactly from the graph.</summary>
    /// <param name="f">The vector function, written as x =&gt; new[] { ... }.</param>
    /// <returns>The pairs, sorted by row then column.</returns>
    public static IReadOnlyList<(int Row, int Column)> JacobianSparsity(this Expression<Func<double[], double[]>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Pipeline.GradientRecipes.JacobianSparsity(DefaultContext, f);
    }
}
