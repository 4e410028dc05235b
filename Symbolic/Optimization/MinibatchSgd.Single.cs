namespace Symbolic.Optimization;

// RS0026 guards against overloads a call could confuse once optional arguments are left out; these differ from the
// double ones in the delegate and start types (SingleGradientFunc, float[]).
#pragma warning disable RS0026
public sealed partial class MinibatchSgd
{
    /// <summary>
    /// Trains a single-precision model over one array of rows: the same loop as for doubles, the step rule
    /// updating a double master copy of the float parameters (see docs/training.md, float parameters).
    /// </summary>
    /// <typeparam name="TRow">The type of a row (e.g. <c>float[]</c>).</typeparam>
    /// <param name="model">The model's compiled float gradient over a batch of rows (a mean over the rows).</param>
    /// <param name="data">The rows (not modified; shuffled through an index permutation).</param>
    /// <param name="start">The initial parameters (not modified).</param>
    /// <param name="stopping">When to stop (an iteration is an epoch); <see cref="StoppingCriteria.Default"/> if null.</param>
    /// <param name="progress">Receives one report per epoch, synchronously (parameters widened to double).</param>
    /// <param name="cancellationToken">Stops the run after the current batch (no exception).</param>
    /// <returns>The trained float parameters, with the loss and gradient norm over all rows.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> is empty.</exception>
    public OptimizationResult<float> Minimize<TRow>(
        SingleGradientFunc<TRow[]> model, TRow[] data, float[] start, StoppingCriteria? stopping = null,
        IProgress<OptimizationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        return Train(new RowMinibatches<float, TRow>(model.Invoke, data, Options.BatchSize), nameof(data), start, stopping, progress, cancellationToken);
    }

    /// <summary>Trains a single-precision model over rows held in two parallel arrays, e.g. inputs and targets.</summary>
    /// <typeparam name="T1">The type of an input.</typeparam>
    /// <typeparam name="T2">The type of a target.</typeparam>
    /// <param name="model">The model's compiled float gradient over a batch of rows.</param>
    /// <param name="inputs">The inputs (not modified).</param>
    /// <param name="targets">The targets, one per input (not modified).</param>
    /// <param name="start">The initial parameters (not modified).</param>
    /// <param name="stopping">When to stop (an iteration is an epoch); <see cref="StoppingCriteria.Default"/> if null.</param>
    /// <param name="progress">Receives one report per epoch, synchronously (parameters widened to double).</param>
    /// <param name="cancellationToken">Stops the run after the current batch (no exception).</param>
    /// <returns>The trained float parameters, with the loss and gradient norm over all rows.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The arrays are empty or differ in length.</exception>
    public OptimizationResult<float> Minimize<T1, T2>(
        SingleGradientFunc<T1[], T2[]> model, T1[] inputs, T2[] targets, float[] start, StoppingCriteria? stopping = null,
        IProgress<OptimizationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Length != targets.Length)
            throw new ArgumentException($"There are {inputs.Length} inputs but {targets.Length} targets; minibatches need one target per input.", nameof(targets));
        return Train(new PairMinibatches<float, T1, T2>(model.Invoke, inputs, targets, Options.BatchSize), nameof(inputs), start, stopping, progress, cancellationToken);
    }
}
#pragma warning restore RS0026
