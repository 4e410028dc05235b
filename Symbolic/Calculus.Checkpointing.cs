using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;

namespace Symbolic;

/// <summary>Compiled gradients that bound the memory of folds (LINQ's <c>Aggregate</c>) by keeping only some of their states.</summary>
public static partial class Calculus
{
    /// <summary>
    /// <see cref="CompileGradient(Expression{Func{double[], double}})"/>, keeping <paramref name="folds"/>' number of states of
    /// each fold and recomputing the others in the backward sweep, a segment at a time: memory about (s + T/s) × W doubles
    /// instead of (T + 1) × W for s stored states, at the cost of one more forward run. The gradient is the same, bit for bit.
    /// </summary>
    /// <param name="f">A scalar function of a vector.</param>
    /// <param name="folds">How many states of each fold to keep (<see cref="FoldCheckpointing.SquareRoot"/>, <see cref="FoldCheckpointing.Stored"/>).</param>
    /// <returns>The compiled value-and-gradient function.</returns>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule, or a LINQ form Symbolic does not read.</exception>
    [RequiresDynamicCode(DynamicCode.CompilesDelegate)]
    public static GradientFunc CompileGradient(this Expression<Func<double[], double>> f, FoldCheckpointing folds)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(folds);
        return DefaultContext.Cached(f, GradientKind(folds), (context, e) => Pipeline.GradientOutputs.CompiledGradient<GradientFunc>(context, e, folds));
    }

    /// <summary><see cref="CompileGradient{T1}(Expression{Func{double[], T1, double}})"/>, keeping <paramref name="folds"/>' number of states of each fold.</summary>
    /// <typeparam name="T1">The data's type.</typeparam>
    /// <param name="f">The model.</param>
    /// <param name="folds">How many states of each fold to keep.</param>
    /// <returns>The compiled value-and-gradient function.</returns>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule, or a LINQ form Symbolic does not read.</exception>
    [RequiresDynamicCode(DynamicCode.CompilesDelegate)]
    public static GradientFunc<T1> CompileGradient<T1>(this Expression<Func<double[], T1, double>> f, FoldCheckpointing folds)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(folds);
        return DefaultContext.Cached(f, GradientKind(folds), (context, e) => Pipeline.GradientOutputs.CompiledGradient<GradientFunc<T1>>(context, e, folds));
    }

    /// <summary><see cref="CompileGradient{T1, T2}(Expression{Func{double[], T1, T2, double}})"/>, keeping <paramref name="folds"/>' number of states of each fold.</summary>
    /// <typeparam name="T1">The first data parameter's type.</typeparam>
    /// <typeparam name="T2">The second data parameter's type.</typeparam>
    /// <param name="f">The model.</param>
    /// <param name="folds">How many states of each fold to keep.</param>
    /// <returns>The compiled value-and-gradient function.</returns>
    /// <exception cref="NotSupportedException">f uses an operation without a derivative rule, or a LINQ form Symbolic does not read.</exception>
    [RequiresDynamicCode(DynamicCode.CompilesDelegate)]
    public static GradientFunc<T1, T2> CompileGradient<T1, T2>(this Expression<Func<double[], T1, T2, double>> f, FoldCheckpointing folds)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(folds);
        return DefaultContext.Cached(f, GradientKind(folds), (context, e) => Pipeline.GradientOutputs.CompiledGradient<GradientFunc<T1, T2>>(context, e, folds));
    }

    /// <summary>The cache key's kind: the plain gradient's when every state is kept, so both overloads share the delegate.</summary>
    private static string GradientKind(FoldCheckpointing folds) => folds.Recomputes ? $"gradient keeping {folds}" : "gradient";
}
