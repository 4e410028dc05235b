namespace Symbolic.Optimization;

/// <summary>
/// The gradient of an additive loss over a data array, computed in parallel: the rows are split once
/// into contiguous chunks, a thread per core evaluates the per-chunk model's compiled gradient into its
/// own buffer, and the chunks are combined in a fixed order. The result is deterministic (bit for bit
/// on every run) and equal to the serial gradient within round-off.
/// </summary>
/// <typeparam name="TRow">The type of a row.</typeparam>
/// <remarks>
/// <para>
/// Use <see cref="Evaluate"/> as the objective of any <see cref="Optimizer"/>:
/// <c>new Lbfgs().Minimize(batch.Evaluate, w0)</c>. A call allocates nothing. From a model written as an
/// expression, <c>chunkModel.CompileBatchGradient(rows)</c> (in <c>Calculus</c>) compiles it and builds one.
/// </para>
/// <para>
/// The loss must be additive over rows: a sum (<see cref="BatchReduction.Sum"/>) or a mean
/// (<see cref="BatchReduction.Mean"/>) of per-row terms. A term that does not belong to a row, such as a
/// regularisation penalty on w, would be counted once per chunk: add it outside. Each worker thread is
/// kept for the life of the object; dispose it to end them (a finalizer ends them otherwise).
/// <see cref="Evaluate"/> runs one call at a time.
/// </para>
/// </remarks>
public sealed class BatchGradient<TRow> : IDisposable
{
    private readonly ChunkedGradient<double> _engine;
    private bool _disposed;

    /// <summary>Splits the rows for an already compiled per-chunk model.</summary>
    /// <param name="chunkModel">The compiled loss over some rows (value and gradient with respect to w).</param>
    /// <param name="data">The rows; the array is split (copied) now, the rows themselves are shared.</param>
    /// <param name="options">Chunk count, threads and reduction; the defaults if null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public BatchGradient(GradientFunc<TRow[]> chunkModel, TRow[] data, BatchGradientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(chunkModel);
        ArgumentNullException.ThrowIfNull(data);
        Options = options ?? new BatchGradientOptions();
        Options.Validate();
        RowCount = data.Length;
        _engine = ChunkedGradient<double>.OverRows(chunkModel.Invoke, data, Options);
    }

    /// <summary>Ends the worker threads if the object was not disposed.</summary>
    // Null when a constructor threw before the engine was made.
    ~BatchGradient() => _engine?.Dispose();

    /// <summary>The options it was built with.</summary>
    public BatchGradientOptions Options { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The number of chunks the rows were split into.</summary>
    public int ChunkCount => _engine.ChunkCount;

    /// <summary>The number of threads that work on a call, the caller's included.</summary>
    public int ThreadCount => _engine.ThreadCount;

    /// <summary>Writes the gradient of the whole loss into <paramref name="gradient"/> and returns the loss. Allocates nothing.</summary>
    /// <param name="w">The parameters.</param>
    /// <param name="gradient">The caller's buffer, of length w.Length.</param>
    /// <returns>The loss over all rows.</returns>
    /// <exception cref="ArgumentException">The buffer's length differs from w's.</exception>
    /// <exception cref="InvalidOperationException">Another call is in progress.</exception>
    /// <exception cref="ObjectDisposedException">The object was disposed.</exception>
    public double Evaluate(double[] w, double[] gradient)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _engine.Evaluate(w, gradient);
    }

    /// <summary>Ends the worker threads.</summary>
    public void Dispose()
    {
        _disposed = true;
        _engine.Dispose();
        GC.SuppressFinalize(this);
    }
}
