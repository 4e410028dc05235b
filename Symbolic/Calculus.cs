using System.Linq.Expressions;
using Symbolic.Diagnostics;

namespace Symbolic;

/// <summary>
/// Symbolic differentiation of C# lambdas. Functions in, functions out: every result is an ordinary
/// expression tree that can be compiled, printed, or differentiated again (<c>Diff(Diff(f))</c>).
/// Each method is also an extension method (<c>f.Diff()</c>).
/// </summary>
/// <remarks>
/// Derivatives are simplified at <see cref="SimplificationLevel.Algebraic"/> unless a level is given;
/// <see cref="Simplify{TDelegate}(Expression{TDelegate})"/> is <see cref="SimplificationLevel.Exact"/>
/// unless a level is given, so that by default it never changes a result.
/// All methods are thread-safe: each call works on its own graph.
/// </remarks>
public static partial class Calculus
{
    /// <summary>The derivative f′ of a function of one double.</summary>
    /// <param name="f">The function, e.g. <c>x =&gt; Math.Sin(x) * x</c>.</param>
    /// <returns>f′ as an expression tree, e.g. <c>x =&gt; x * Math.Cos(x) + Math.Sin(x)</c>.</returns>
    /// <exception cref="NotSupportedException">f uses an operation Symbolic has no derivative rule for.</exception>
    public static Expression<Func<double, double>> Diff(this Expression<Func<double, double>> f) => f.Diff(SimplificationLevel.Algebraic);

    /// <summary>The derivative f′ of a function of one double, simplified at the given level.</summary>
    /// <param name="f">The function.</param>
    /// <param name="level">How far the derivative is simplified.</param>
    /// <returns>f′ as an expression tree.</returns>
    /// <exception cref="NotSupportedException">f uses an operation Symbolic has no derivative rule for.</exception>
    public static Expression<Func<double, double>> Diff(this Expression<Func<double, double>> f, SimplificationLevel level)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Expression<Func<double, double>>)Pipeline.ScalarRecipes.Partial(DefaultContext, f, 0, level);
    }

    /// <summary>
    /// The partial derivative of <paramref name="f"/> with respect to one of its double parameters. The
    /// other parameters may have any type; they are held constant. The result has f's signature.
    /// </summary>
    /// <param name="f">A lambda returning double.</param>
    /// <param name="parameterIndex">Index of the double parameter to differentiate with respect to.</param>
    /// <returns>∂f/∂xᵢ as a lambda of the same delegate type as <paramref name="f"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parameterIndex"/> is not a parameter index of f.</exception>
    /// <exception cref="ArgumentException">The parameter is not a double, or f does not return double.</exception>
    /// <exception cref="NotSupportedException">f uses an operation Symbolic has no derivative rule for.</exception>
    public static LambdaExpression Partial(this LambdaExpression f, int parameterIndex) => f.Partial(parameterIndex, SimplificationLevel.Algebraic);

    /// <summary>The partial derivative with respect to parameter <paramref name="parameterIndex"/>, simplified at the given level.</summary>
    /// <param name="f">A lambda returning double.</param>
    /// <param name="parameterIndex">Index of the double parameter to differentiate with respect to.</param>
    /// <param name="level">How far the derivative is simplified.</param>
    /// <returns>∂f/∂xᵢ as a lambda of the same delegate type as <paramref name="f"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parameterIndex"/> is not a parameter index of f.</exception>
    /// <exception cref="ArgumentException">The parameter is not a double, or f does not return double.</exception>
    /// <exception cref="NotSupportedException">f uses an operation Symbolic has no derivative rule for.</exception>
    public static LambdaExpression Partial(this LambdaExpression f, int parameterIndex, SimplificationLevel level)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (parameterIndex < 0 || parameterIndex >= f.Parameters.Count) throw Errors.ParameterIndexOutOfRange(f, parameterIndex, nameof(parameterIndex));
        // A float model (returning float) is differentiated with respect to a float parameter, in float.
        if (f.Parameters[parameterIndex].Type != (f.ReturnType == typeof(float) ? typeof(float) : typeof(double))) throw Errors.NotADoubleParameter(f, parameterIndex, nameof(parameterIndex));
        if (f.ReturnType != typeof(double) && f.ReturnType != typeof(float)) throw Errors.WrongReturnType(f, nameof(f));
        return Pipeline.ScalarRecipes.Partial(DefaultContext, f, parameterIndex, level);
    }

    /// <summary>∂f/∂x or ∂f/∂y of a function of two doubles.</summary>
    /// <param name="f">The function.</param>
    /// <param name="parameterIndex">0 for the first parameter, 1 for the second.</param>
    /// <returns>The partial derivative, with f's signature.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parameterIndex"/> is not 0 or 1.</exception>
    /// <exception cref="NotSupportedException">f uses an operation Symbolic has no derivative rule for.</exception>
    public static Expression<Func<double, double, double>> Partial(this Expression<Func<double, double, double>> f, int parameterIndex) =>
        (Expression<Func<double, double, double>>)((LambdaExpression)f).Partial(parameterIndex);

    /// <summary>A partial derivative of a function of three doubles.</summary>
    /// <param name="f">The function.</param>
    /// <param name="parameterIndex">0, 1 or 2.</param>
    /// <returns>The partial derivative, with f's signature.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parameterIndex"/> is not 0, 1 or 2.</exception>
    /// <exception cref="NotSupportedException">f uses an operation Symbolic has no derivative rule for.</exception>
    public static Expression<Func<double, double, double, double>> Partial(this Expression<Func<double, double, double, double>> f, int parameterIndex) =>
        (Expression<Func<double, double, double, double>>)((LambdaExpression)f).Partial(parameterIndex);

    /// <summary>A partial derivative of a function of four doubles.</summary>
    /// <param name="f">The function.</param>
    /// <param name="parameterIndex">0 to 3.</param>
    /// <returns>The partial derivative, with f's signature.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parameterIndex"/> is not in 0..3.</exception>
    /// <exception cref="NotSupportedException">f uses an operation Symbolic has no derivative rule for.</exception>
    public static Expression<Func<double, double, double, double, double>> Partial(this Expression<Func<double, double, double, double, double>> f, int parameterIndex) =>
        (Expression<Func<double, double, double, double, double>>)((LambdaExpression)f).Partial(parameterIndex);

    /// <summary>
    /// f rewritten with only bit-identical simplifications (constant folding, x·1, -(-x), common
    /// sub-expressions shared): the result computes exactly what f computes.
    /// </summary>
    /// <typeparam name="TDelegate">f's delegate type; it must return double.</typeparam>
    /// <param name="f">The function.</param>
    /// <returns>The simplified function, same signature.</returns>
    /// <exception cref="ArgumentException">f does not return double.</exception>
    /// <exception cref="NotSupportedException">f contains a construct Symbolic cannot read.</exception>
    public static Expression<TDelegate> Simplify<TDelegate>(this Expression<TDelegate> f) => f.Simplify(SimplificationLevel.Exact);

    /// <summary>f simplified at the given level (see <see cref="SimplificationLevel"/> for what each level may change).</summary>
    /// <typeparam name="TDelegate">f's delegate type; it must return double.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="level">How far to simplify.</param>
    /// <returns>The simplified function, same signature.</returns>
    /// <exception cref="ArgumentException">f does not return double.</exception>
    /// <exception cref="NotSupportedException">f contains a construct Symbolic cannot read.</exception>
    public static Expression<TDelegate> Simplify<TDelegate>(this Expression<TDelegate> f, SimplificationLevel level)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (f.ReturnType != typeof(double) && f.ReturnType != typeof(float)) throw Errors.WrongReturnType(f, nameof(f));
        return (Expression<TDelegate>)Pipeline.ScalarRecipes.Simplify(DefaultContext, f, level);
    }

    /// <summary>
    /// The body of f as conventional math text, e.g. <c>cos(x)*x + sin(x)</c>; a vector result (a
    /// gradient, or <c>x =&gt; new[] { ... }</c>) prints as <c>[e0, e1, ...]</c>.
    /// </summary>
    /// <param name="f">A lambda returning double or double[].</param>
    /// <returns>The text; shared sub-expressions of large bodies are named and listed after "where".</returns>
    /// <exception cref="ArgumentException">f returns neither double nor double[].</exception>
    /// <exception cref="NotSupportedException">f contains a construct Symbolic cannot read.</exception>
    public static string ToMathString(this LambdaExpression f)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (f.ReturnType != typeof(double) && f.ReturnType != typeof(double[]) && f.ReturnType != typeof(float) && f.ReturnType != typeof(float[]))
            throw Errors.WrongReturnType(f, nameof(f));
        return Pipeline.ScalarRecipes.ToMathString(DefaultContext, f);
    }

    /// <summary>The value-and-gradient source of a model over data (<c>(w, data, gradient) =&gt; …</c>); see <see cref="ToCSharpGradient(Expression{Func{double[], double}}, string)"/>.</summary>
    /// <typeparam name="T1">The data's type.</typeparam>
    /// <param name="f">The model; the data is a parameter, not differentiated.</param>
    /// <param name="methodName">The method's name.</param>
    public static string ToCSharpGradient<T1>(this Expression<Func<double[], T1, double>> f, string methodName = "ValueAndGradient")
    {
        ArgumentNullException.ThrowIfNull(f);
        Diagnostics.Errors.RequireIdentifier(methodName, nameof(methodName));
        var gradient = Pipeline.GradientOutputs.CompileableGradient<GradientFunc<T1>>(DefaultContext, f, withComments: true);
        return CodeGeneration.CSharpWriter.Write(gradient, methodName, gradient.Parameters[^1]);
    }

    /// <summary>
    /// The value-and-gradient source of a model over two data parameters (<c>(w, inputs, targets, gradient) =&gt; …</c>): the
    /// program <see cref="CompileGradient{T1, T2}(Expression{Func{double[], T1, T2, double}})"/> runs; see <see cref="ToCSharpGradient(Expression{Func{double[], double}}, string)"/>.
    /// </summary>
    /// <typeparam name="T1">The first data parameter's type.</typeparam>
    /// <typeparam name="T2">The second data parameter's type.</typeparam>
    /// <param name="f">The model; the data are parameters, not differentiated.</param>
    /// <param name="methodName">The method's name.</param>
    // RS0026 guards against overloads a call could confuse once optional arguments are left out; this one differs
    // from the others by its generic arity and model type, so no call can bind to two of them.
#pragma warning disable RS0026
    public static string ToCSharpGradient<T1, T2>(this Expression<Func<double[], T1, T2, double>> f, string methodName = "ValueAndGradient")
#pragma warning restore RS0026
    {
        ArgumentNullException.ThrowIfNull(f);
        Diagnostics.Errors.RequireIdentifier(methodName, nameof(methodName));
        var gradient = Pipeline.GradientOutputs.CompileableGradient<GradientFunc<T1, T2>>(DefaultContext, f, withComments: true);
        return CodeGeneration.CSharpWriter.Write(gradient, methodName, gradient.Parameters[^1]);
    }

    /// <summary>
    /// The function (a model, <c>Diff(f)</c>, <c>Grad(f)</c>, …) as the source of a C# static method of the same
    /// parameters: statements in SSA form as Symbolic emits them.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="methodName">The method's name.</param>
    /// <exception cref="NotSupportedException">When f reads data captured in a closure (pass it as a parameter).</exception>
    public static string ToCSharp(this LambdaExpression f, string methodName = "Evaluate")
    {
        ArgumentNullException.ThrowIfNull(f);
        Diagnostics.Errors.RequireIdentifier(methodName, nameof(methodName));
        return CodeGeneration.CSharpWriter.Write(f, methodName);
    }

    /// <summary>
    /// Compilable C# source of the value-and-gradient method <see cref="CompileGradient(Expression{Func{double[], double}})"/>
    /// compiles — <c>public static double ValueAndGradient(double[] x, double[] gradient)</c> — in SSA form with
    /// one comment per gradient entry (<c>// ∂f/∂x[3]</c>), for reading, diffing, or shipping where
    /// expression trees cannot be compiled at run time (NativeAOT, IL2CPP).
    /// </summary>
    /// <param name="f">The model.</param>
    /// <param name="methodName">The method's name.</param>
    /// <exception cref="NotSupportedException">When the model reads data captured in a closure (pass it as a parameter).</exception>
    public static string ToCSharpGradient(this Expression<Func<double[], double>> f, string methodName = "ValueAndGradient")
    {
        ArgumentNullException.ThrowIfNull(f);
        Diagnostics.Errors.RequireIdentifier(methodName, nameof(methodName));
        var gradient = Pipeline.GradientOutputs.CompileableGradient<GradientFunc>(DefaultContext, f, withComments: true);
        return CodeGeneration.CSharpWriter.Write(gradient, methodName, gradient.Parameters[^1]);
    }

    /// <summary>
    /// The function (a model, a derivative, a gradient) as LaTeX math for documentation:
    /// <c>\frac</c>, <c>\sqrt</c>, powers, <c>\sin</c>-style names, <c>\sum</c> for LINQ sums, elements
    /// of array parameters as subscripts (<c>x_{0}</c>); a vector result as a column vector.
    /// </summary>
    /// <param name="f">A lambda returning double or double[].</param>
    /// <exception cref="ArgumentException">When f returns anything else.</exception>
    public static string ToLatex(this LambdaExpression f)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (f.ReturnType != typeof(double) && f.ReturnType != typeof(double[]) && f.ReturnType != typeof(float) && f.ReturnType != typeof(float[]))
            throw Errors.WrongReturnType(f, nameof(f));
        return Pipeline.ScalarRecipes.ToLatex(DefaultContext, f);
    }
}
