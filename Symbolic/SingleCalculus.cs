using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;

namespace Symbolic;

/// <summary>
/// <see cref="Calculus"/> for float models: functions over <c>float</c> and <c>float[]</c> written with float
/// arithmetic and <see cref="MathF"/>, differentiated and compiled in float through the same passes (the IR's element
/// type is float: constants are rounded to float, folding and the emitted code compute in float, sums accumulate in
/// double and are rounded once). See docs/precision.md. A model that converts a value depending on the variables
/// between float and double is refused with a <see cref="NotSupportedException"/> quoting the conversion.
/// </summary>
/// <remarks>
/// A class of its own rather than overloads on <see cref="Calculus"/>: an untyped lambda such as
/// <c>Calculus.Diff(x =&gt; x * x)</c> binds to both <c>Func&lt;double, double&gt;</c> and <c>Func&lt;float, float&gt;</c>,
/// so overloads would make existing calls ambiguous. As extension methods, <c>f.Diff()</c> and <c>f.CompileGradient()</c>
/// read the same on a typed float model as on a double one.
/// </remarks>
public static partial class SingleCalculus
{
    /// <summary>The derivative f′ of a function of one float, computed in float.</summary>
    /// <param name="f">The function, e.g. <c>x =&gt; MathF.Sin(x) * x</c>.</param>
    /// <returns>f′ as an expression tree of float arithmetic.</returns>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule, or mixes double into its arithmetic.</exception>
    public static Expression<Func<float, float>> Diff(this Expression<Func<float, float>> f) => f.Diff(SimplificationLevel.Algebraic);

    /// <summary>The derivative f′ of a function of one float, simplified at the given level.</summary>
    /// <param name="f">The function.</param>
    /// <param name="level">How far the derivative is simplified (<see cref="SimplificationLevel.Exact"/> is bit-exact in float).</param>
    /// <returns>f′ as an expression tree.</returns>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule, or mixes double into its arithmetic.</exception>
    public static Expression<Func<float, float>> Diff(this Expression<Func<float, float>> f, SimplificationLevel level)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<float, float>>)Pipeline.ScalarRecipes.Partial(Calculus.DefaultContext, f, 0, level);
    }

    /// <summary>∂f/∂x or ∂f/∂y of a function of two floats.</summary>
    /// <param name="f">The function.</param>
    /// <param name="parameterIndex">0 for the first parameter, 1 for the second.</param>
    /// <returns>The partial derivative, with f's signature.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parameterIndex"/> is not 0 or 1.</exception>
    public static Expression<Func<float, float, float>> Partial(this Expression<Func<float, float, float>> f, int parameterIndex) =>
        (Expression<Func<float, float, float>>)((LambdaExpression)f).Partial(parameterIndex);

    /// <summary>The gradient ∇f of a float function of a float vector, by reverse mode, as an expression tree.</summary>
    /// <param name="f">A scalar function of a vector, e.g. <c>x =&gt; (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0])</c>.</param>
    /// <returns>x =&gt; ∇f(x), x.Length entries.</returns>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule, or mixes double into its arithmetic.</exception>
    public static Expression<Func<float[], float[]>> Grad(this Expression<Func<float[], float>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<float[], float[]>>)Pipeline.GradientOutputs.Grad(Calculus.DefaultContext, f);
    }

    /// <summary>
    /// The hot path in float: value and gradient in one pass, written into the caller's buffer; compiled once per
    /// structurally equal expression (cached); allocation-free per call and thread-safe.
    /// </summary>
    /// <param name="f">A scalar function of a vector.</param>
    /// <returns>The compiled value-and-gradient function.</returns>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule, or mixes double into its arithmetic.</exception>
    [RequiresDynamicCode(DynamicCode.CompilesDelegate)]
    public static SingleGradientFunc CompileGradient(this Expression<Func<float[], float>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Calculus.DefaultContext.Cached(f, "gradient", Pipeline.GradientOutputs.CompiledGradient<SingleGradientFunc>);
    }

    /// <summary>The value-and-gradient function as an expression tree, before compilation: the program <see cref="CompileGradient(Expression{Func{float[], float}})"/> runs.</summary>
    /// <param name="f">A scalar function of a vector.</param>
    /// <returns>(x, gradient) =&gt; { gradient = ∇f(x); return f(x); }</returns>
    public static Expression<SingleGradientFunc> GradientExpression(this Expression<Func<float[], float>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Pipeline.GradientOutputs.CompileableGradient<SingleGradientFunc>(Calculus.DefaultContext, f);
    }

    /// <summary>
    /// Compilable C# source of the float value-and-gradient method — <c>public static float ValueAndGradient(float[] x, float[] gradient)</c> —
    /// the program <see cref="CompileGradient(Expression{Func{float[], float}})"/> runs.
    /// </summary>
    /// <param name="f">The model.</param>
    /// <param name="methodName">The method's name.</param>
    /// <returns>The C# source.</returns>
#pragma warning disable RS0026 // the overloads differ by generic arity and model type: no call binds to two of them
    public static string ToCSharpGradient(this Expression<Func<float[], float>> f, string methodName = "ValueAndGradient")
#pragma warning restore RS0026
    {
        ArgumentNullException.ThrowIfNull(f);
        Diagnostics.Errors.RequireIdentifier(methodName, nameof(methodName));
        var gradient = Pipeline.GradientOutputs.CompileableGradient<SingleGradientFunc>(Calculus.DefaultContext, f, withComments: true);
        return CodeGeneration.CSharpWriter.Write(gradient, methodName, gradient.Parameters[^1]);
    }

    /// <summary>The Hessian of a float function of a float vector (forward over reverse, in float), x.Length × x.Length.</summary>
    /// <param name="f">A scalar function of a vector.</param>
    /// <returns>x =&gt; H(x).</returns>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule, or mixes double into its arithmetic.</exception>
    public static Expression<Func<float[], float[,]>> Hessian(this Expression<Func<float[], float>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<float[], float[,]>>)Pipeline.GradientRecipes.Hessian(Calculus.DefaultContext, f);
    }

    /// <summary>Hessian–vector product in float (forward over reverse): (x, v) =&gt; H(x)·v, without forming H.</summary>
    /// <param name="f">A scalar function of a vector.</param>
    /// <returns>(x, v) =&gt; H(x)·v, x.Length entries.</returns>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule, or mixes double into its arithmetic.</exception>
    public static Expression<Func<float[], float[], float[]>> Hvp(this Expression<Func<float[], float>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<float[], float[], float[]>>)Pipeline.GradientRecipes.Hvp(Calculus.DefaultContext, f);
    }
}
