using System.Linq.Expressions;

namespace Symbolic;

/// <summary>Float vector functions (Jacobians and their products), sparsity patterns, and functions of two to four floats (partials, tuple gradients).</summary>
public static partial class SingleCalculus
{
    /// <summary>
    /// The Jacobian of a float vector function written as <c>x =&gt; new[] { f0, f1, ... }</c>, in float: one row per
    /// output, x.Length columns (reverse mode by rows when there are fewer outputs than variables, forward mode otherwise).
    /// </summary>
    /// <param name="f">The vector function.</param>
    /// <returns>x =&gt; J(x).</returns>
    /// <exception cref="NotSupportedException">f is not written as an array of expressions, uses an operation without a rule, or mixes double into its arithmetic.</exception>
    public static Expression<Func<float[], float[,]>> Jacobian(this Expression<Func<float[], float[]>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<float[], float[,]>>)Pipeline.GradientRecipes.Jacobian(Calculus.DefaultContext, f);
    }

    /// <summary>Jacobian–vector product in float (forward mode): (x, v) =&gt; J(x)·v, without forming J.</summary>
    /// <param name="f">The vector function, written as x =&gt; new[] { ... }.</param>
    /// <returns>(x, v) =&gt; J(x)·v, one entry per output.</returns>
    /// <exception cref="NotSupportedException">f is not written as an array of expressions, uses an operation without a rule, or mixes double into its arithmetic.</exception>
    public static Expression<Func<float[], float[], float[]>> Jvp(this Expression<Func<float[], float[]>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<float[], float[], float[]>>)Pipeline.GradientRecipes.Jvp(Calculus.DefaultContext, f);
    }

    /// <summary>Vector–Jacobian product in float (reverse mode): (x, u) =&gt; J(x)ᵀ·u, without forming J.</summary>
    /// <param name="f">The vector function, written as x =&gt; new[] { ... }.</param>
    /// <returns>(x, u) =&gt; J(x)ᵀ·u, x.Length entries.</returns>
    /// <exception cref="NotSupportedException">f is not written as an array of expressions, uses an operation without a rule, or mixes double into its arithmetic.</exception>
    public static Expression<Func<float[], float[], float[]>> Vjp(this Expression<Func<float[], float[]>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<float[], float[], float[]>>)Pipeline.GradientRecipes.Vjp(Calculus.DefaultContext, f);
    }

    /// <summary>The structurally non-zero (row, column) entries of a float vector function's Jacobian, detected exactly from the graph.</summary>
    /// <param name="f">The vector function, written as x =&gt; new[] { ... }.</param>
    /// <returns>The pairs, sorted by row then column.</returns>
    public static IReadOnlyList<(int Row, int Column)> JacobianSparsity(this Expression<Func<float[], float[]>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Pipeline.GradientRecipes.JacobianSparsity(Calculus.DefaultContext, f);
    }

    /// <summary>The structurally non-zero (row, column) entries of a float function's Hessian (both triangles).</summary>
    /// <param name="f">A scalar function of a vector.</param>
    /// <returns>The pairs, sorted by row then column.</returns>
    public static IReadOnlyList<(int Row, int Column)> HessianSparsity(this Expression<Func<float[], float>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Pipeline.GradientRecipes.HessianSparsity(Calculus.DefaultContext, f);
    }

    /// <summary>A partial derivative of a function of three floats, in float.</summary>
    /// <param name="f">The function.</param>
    /// <param name="parameterIndex">0, 1 or 2.</param>
    /// <returns>The partial derivative, with f's signature.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parameterIndex"/> is not 0, 1 or 2.</exception>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule, or mixes double into its arithmetic.</exception>
    public static Expression<Func<float, float, float, float>> Partial(this Expression<Func<float, float, float, float>> f, int parameterIndex) =>
        (Expression<Func<float, float, float, float>>)((LambdaExpression)f).Partial(parameterIndex);

    /// <summary>A partial derivative of a function of four floats, in float.</summary>
    /// <param name="f">The function.</param>
    /// <param name="parameterIndex">0 to 3.</param>
    /// <returns>The partial derivative, with f's signature.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parameterIndex"/> is not in 0..3.</exception>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule, or mixes double into its arithmetic.</exception>
    public static Expression<Func<float, float, float, float, float>> Partial(this Expression<Func<float, float, float, float, float>> f, int parameterIndex) =>
        (Expression<Func<float, float, float, float, float>>)((LambdaExpression)f).Partial(parameterIndex);

    /// <summary>The gradient of a function of two floats, in float, as a tuple: (x, y) =&gt; (∂f/∂x, ∂f/∂y).</summary>
    /// <param name="f">The function.</param>
    /// <returns>The gradient function.</returns>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule, or mixes double into its arithmetic.</exception>
    public static Expression<Func<float, float, (float, float)>> Grad(this Expression<Func<float, float, float>> f) =>
        (Expression<Func<float, float, (float, float)>>)Pipeline.GradientRecipes.GradOfScalars(Calculus.DefaultContext, f ?? throw new ArgumentNullException(nameof(f)));

    /// <summary>The gradient of a function of three floats, in float, as a tuple.</summary>
    /// <param name="f">The function.</param>
    /// <returns>The gradient function.</returns>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule, or mixes double into its arithmetic.</exception>
    public static Expression<Func<float, float, float, (float, float, float)>> Grad(this Expression<Func<float, float, float, float>> f) =>
        (Expression<Func<float, float, float, (float, float, float)>>)Pipeline.GradientRecipes.GradOfScalars(Calculus.DefaultContext, f ?? throw new ArgumentNullException(nameof(f)));

    /// <summary>The gradient of a function of four floats, in float, as a tuple.</summary>
    /// <param name="f">The function.</param>
    /// <returns>The gradient function.</returns>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule, or mixes double into its arithmetic.</exception>
    public static Expression<Func<float, float, float, float, (float, float, float, float)>> Grad(this Expression<Func<float, float, float, float, float>> f) =>
        (Expression<Func<float, float, float, float, (float, float, float, float)>>)Pipeline.GradientRecipes.GradOfScalars(Calculus.DefaultContext, f ?? throw new ArgumentNullException(nameof(f)));
}
