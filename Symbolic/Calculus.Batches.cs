using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using Symbolic.Optimization;

namespace Symbolic;

/// <summary>
/// Batch gradients from a model written as an expression: compiled here, in the façade, so that
/// <see cref="Optimization"/> depends on the compiled delegate types only, never on the compiler.
/// </summary>
public static partial class Calculus
{
    /// <summary>Compiles the per-chunk model and splits the rows, with the default options (one chunk per core, a sum).</summary>
    /// <typeparam name="TRow">The type of a row.</typeparam>
    /// <param name="chunkModel">The loss over some rows, e.g. <c>(w, rows) =&gt; rows.Sum(r =&gt; …)</c>; additive over rows.</param>
    /// <param name="data">The rows; the array is split (copied) now, the rows themselves are shared.</param>
    /// <returns>The batch gradient; dispose it to end its worker threads.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="NotSupportedException">The model cannot be differentiated.</exception>
    [RequiresDynamicCode(DynamicCode.CompilesDelegate)]
    public static BatchGradient<TRow> CompileBatchGradient<TRow>(this Expression<Func<double[], TRow[], double>> chunkModel, TRow[] data) =>
        CompileBatchGradient(chunkModel, data, null);

    /// <summary>
    /// Compiles the per-chunk model with <see cref="CompileGradient{T1}(Expression{Func{double[], T1, double}})"/> and splits the rows: a
    /// <see cref="BatchGradient{TRow}"/> whose <see cref="BatchGradient{TRow}.Evaluate"/> is the objective of any optimizer.
    /// </summary>
    /// <typeparam name="TRow">The type of a row.</typeparam>
    /// <param name="chunkModel">The loss over some rows, e.g. <c>(w, rows) =&gt; rows.Sum(r =&gt; …)</c>; additive over rows.</param>
    /// <param name="data">The rows; the array is split (copied) now, the rows themselves are shared.</param>
    /// <param name="options">Chunk count, threads and reduction; the defaults if null.</param>
    /// <returns>The batch gradient; dispose it to end its worker threads.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="NotSupportedException">The model cannot be differentiated.</exception>
    [RequiresDynamicCode(DynamicCode.CompilesDelegate)]
    public static BatchGradient<TRow> CompileBatchGradient<TRow>(this Expression<Func<double[], TRow[], double>> chunkModel, TRow[] data, BatchGradientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(chunkModel);
        ArgumentNullException.ThrowIfNull(data);
        (options ?? new BatchGradientOptions()).Validate();
        return new BatchGradient<TRow>(chunkModel.CompileGradient(), data, options);
    }

    /// <summary>Compiles the per-chunk model and splits the rows, with the default options (one chunk per core, a sum).</summary>
    /// <typeparam name="T1">The type of an input row.</typeparam>
    /// <typeparam name="T2">The type of a target.</typeparam>
    /// <param name="chunkModel">The loss over some rows, e.g. <c>(w, xs, ys) =&gt; xs.Zip(ys, (x, y) =&gt; …).Sum()</c>; additive over rows.</param>
    /// <param name="inputs">The inputs; the array is split (copied) now, the rows themselves are shared.</param>
    /// <param name="targets">The targets, one per input; split the same way.</param>
    /// <returns>The batch gradient; dispose it to end its worker threads.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    /// <exception cref="NotSupportedException">The model cannot be differentiated.</exception>
    [RequiresDynamicCode(DynamicCode.CompilesDelegate)]
    public static BatchGradient<T1, T2> CompileBatchGradient<T1, T2>(this Expression<Func<double[], T1[], T2[], double>> chunkModel, T1[] inputs, T2[] targets) =>
        CompileBatchGradient(chunkModel, inputs, targets, null);

    /// <summary>
    /// Compiles the per-chunk model with <see cref="CompileGradient{T1, T2}(Expression{Func{double[], T1, T2, double}})"/> and splits the rows: a
    /// <see cref="BatchGradient{T1, T2}"/> over inputs and their targets.
    /// </summary>
    /// <typeparam name="T1">The type of an input row.</typeparam>
    /// <typeparam name="T2">The type of a target.</typeparam>
    /// <param name="chunkModel">The loss over some rows, e.g. <c>(w, xs, ys) =&gt; xs.Zip(ys, (x, y) =&gt; …).Sum()</c>; additive over rows.</param>
    /// <param name="inputs">The inputs; the array is split (copied) now, the rows themselves are shared.</param>
    /// <param name="targets">The targets, one per input; split the same way.</param>
    /// <param name="options">Chunk count, threads and reduction; the defaults if null.</param>
    /// <returns>The batch gradient; dispose it to end its worker threads.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="NotSupportedException">The model cannot be differentiated.</exception>
    [RequiresDynamicCode(DynamicCode.CompilesDelegate)]
    public static BatchGradient<T1, T2> CompileBatchGradient<T1, T2>(this Expression<Func<double[], T1[], T2[], double>> chunkModel, T1[] inputs, T2[] targets,
        BatchGradientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(chunkModel);
        BatchGradient<T1, T2>.CheckRows(inputs, targets);
        (options ?? new BatchGradientOptions()).Validate();
        return new BatchGradient<T1, T2>(chunkModel.CompileGradient(), inputs, targets, options);
    }
}
