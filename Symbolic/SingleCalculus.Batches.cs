using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using Symbolic.Optimization;

namespace Symbolic;

/// <summary>Batch gradients of float models: compiled here, in the façade, as the double ones are in <see cref="Calculus"/>.</summary>
public static partial class SingleCalculus
{
    /// <summary>Compiles the float per-chunk model and splits the rows, with the default options (one chunk per core, a sum).</summary>
    /// <typeparam name="TRow">The type of a row (e.g. <c>float[]</c>).</typeparam>
    /// <param name="chunkModel">The float loss over some rows, e.g. <c>(w, rows) =&gt; rows.Sum(r =&gt; …)</c>; additive over rows.</param>
    /// <param name="data">The rows; the array is split (copied) now, the rows themselves are shared.</param>
    /// <returns>The batch gradient; dispose it to end its worker threads.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="NotSupportedException">The model cannot be differentiated, or mixes double into its arithmetic.</exception>
    [RequiresDynamicCode(DynamicCode.CompilesDelegate)]
    public static SingleBatchGradient<TRow> CompileBatchGradient<TRow>(this Expression<Func<float[], TRow[], float>> chunkModel, TRow[] data) =>
        CompileBatchGradient(chunkModel, data, null);

    /// <summary>
    /// Compiles the float per-chunk model with <see cref="CompileGradient{T1}"/> and splits the rows: a
    /// <see cref="SingleBatchGradient{TRow}"/> whose <see cref="SingleBatchGradient{TRow}.Evaluate"/> is the objective of an optimizer's float overload.
    /// </summary>
    /// <typeparam name="TRow">The type of a row.</typeparam>
    /// <param name="chunkModel">The float loss over some rows; additive over rows.</param>
    /// <param name="data">The rows; the array is split (copied) now, the rows themselves are shared.</param>
    /// <param name="options">Chunk count, threads and reduction; the defaults if null.</param>
    /// <returns>The batch gradient; dispose it to end its worker threads.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="NotSupportedException">The model cannot be differentiated, or mixes double into its arithmetic.</exception>
    [RequiresDynamicCode(DynamicCode.CompilesDelegate)]
    public static SingleBatchGradient<TRow> CompileBatchGradient<TRow>(this Expression<Func<float[], TRow[], float>> chunkModel, TRow[] data, BatchGradientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(chunkModel);
        ArgumentNullException.ThrowIfNull(data);
        (options ?? new BatchGradientOptions()).Validate();
        return new SingleBatchGradient<TRow>(chunkModel.CompileGradient(), data, options);
    }

    /// <summary>Compiles the float per-chunk model over inputs and targets and splits the rows, with the default options.</summary>
    /// <typeparam name="T1">The type of an input row.</typeparam>
    /// <typeparam name="T2">The type of a target.</typeparam>
    /// <param name="chunkModel">The float loss over some rows, e.g. <c>(w, xs, ys) =&gt; xs.Zip(ys, (x, y) =&gt; …).Sum()</c>; additive over rows.</param>
    /// <param name="inputs">The inputs; the array is split (copied) now, the rows themselves are shared.</param>
    /// <param name="targets">The targets, one per input; split the same way.</param>
    /// <returns>The batch gradient; dispose it to end its worker threads.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    /// <exception cref="NotSupportedException">The model cannot be differentiated, or mixes double into its arithmetic.</exception>
    [RequiresDynamicCode(DynamicCode.CompilesDelegate)]
    public static SingleBatchGradient<T1, T2> CompileBatchGradient<T1, T2>(this Expression<Func<float[], T1[], T2[], float>> chunkModel, T1[] inputs, T2[] targets) =>
        CompileBatchGradient(chunkModel, inputs, targets, null);

    /// <summary>Compiles the float per-chunk model with <see cref="CompileGradient{T1, T2}"/> and splits the rows: a <see cref="SingleBatchGradient{T1, T2}"/>.</summary>
    /// <typeparam name="T1">The type of an input row.</typeparam>
    /// <typeparam name="T2">The type of a target.</typeparam>
    /// <param name="chunkModel">The float loss over some rows; additive over rows.</param>
    /// <param name="inputs">The inputs; the array is split (copied) now, the rows themselves are shared.</param>
    /// <param name="targets">The targets, one per input; split the same way.</param>
    /// <param name="options">Chunk count, threads and reduction; the defaults if null.</param>
    /// <returns>The batch gradient; dispose it to end its worker threads.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="NotSupportedException">The model cannot be differentiated, or mixes double into its arithmetic.</exception>
    [RequiresDynamicCode(DynamicCode.CompilesDelegate)]
    public static SingleBatchGradient<T1, T2> CompileBatchGradient<T1, T2>(this Expression<Func<float[], T1[], T2[], float>> chunkModel, T1[] inputs, T2[] targets,
        BatchGradientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(chunkModel);
        BatchGradient<T1, T2>.CheckRows(inputs, targets);
        (options ?? new BatchGradientOptions()).Validate();
        return new SingleBatchGradient<T1, T2>(chunkModel.CompileGradient(), inputs, targets, options);
    }
}
