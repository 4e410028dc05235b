namespace Symbolic.Optimization;

/// <summary>
/// <see cref="BatchGradient{TRow}"/> for a float model: the gradient of an additive loss over a data array, computed in
/// parallel over contiguous chunks of rows and combined in a fixed order, so the result is the same bit for bit for
/// any number of threads. The chunks' values and gradients are combined in double and rounded to float once (the
/// accumulation policy of float models, docs/precision.md).
/// </summary>
/// <typeparam name="TRow">The type of a row (e.g. <c>float[]</c>).</typeparam>
/// <remarks>
/// Use <see cref="Evaluate"/> as the objective of an optimizer's float overload:
/// <c>new Lbfgs().Minimize(batch.Evaluate, w0)</c>. A call allocates nothing. From a model written as an expression,
/// <c>chunkModel.CompileBatchGradient(rows)</c> (in <c>SingleCalculus</c>) compiles it and builds one. The loss must be
/// additive over rows (see <see cref="BatchGradient{TRow}"/>); dispose the object to end its worker threads.
/// </remarks>
public sealed class SingleBatchGradient<TRow> : IDisposable
{
    private readonly ChunkedGradient<float> _engine;
    private bool _disposed;

    /// <summary>Splits the rows for an already compiled float per-chunk model.</summary>
    /// <param name="chunkModel">The compiled float loss over some rows (value and gradient with respect to w).</param>
    /// <param name="data">The rows; the array is split (copied) now, the rows themselves are shared.</param>
    /// <param name="options">Chunk count, threads and reduction; the defaults if null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public SingleBatchGradient(SingleGradientFunc<TRow[]> chunkModel, TRow[] data, BatchGradientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(chunkModel);
        ArgumentNullException.ThrowIfNull(data);
        Options = options ?? new BatchGradientOptions();
        Options.Validate();
        RowCount = data.Length;
        _engine = ChunkedGradient<float>.OverRows(chunkModel.Invoke, data, Options);
    }

    /// <summary>Ends the worker threads if the object was not disposed.</summary>
    // Null when a constructor threw before the engine was made.
    ~SingleBatchGradient() => _engine?.Dispose();

    /// <summary>The options it was built with.</summary>
    public BatchGradientOptions Options { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The number of chunks the rows were split into.</summary>
    public int ChunkCount => _engine.ChunkCount;

    /// <summary>The number of threads that work on a call, the caller's included.</summary>
    public int ThreadCount => _engine.ThreadCount;

    /// <summary>Writes the gradient of the whole loss into <paramref name="gradient"/> and returns the loss, in float. Allocates nothing.</summary>
    /// <param name="w">The parameters.</param>
    /// <param name="gradient">The caller's buffer, of length w.Length.</param>
    /// <returns>The loss over all rows.</returns>
    /// <exception cref="ArgumentException">The buffer's length differs from w's.</exception>
    /// <exception cref="InvalidOperationException">Another call is in progress.</exception>
    /// <exception cref="ObjectDisposedException">The object was disposed.</exception>
    public float Evaluate(float[] w, float[] gradient)
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
