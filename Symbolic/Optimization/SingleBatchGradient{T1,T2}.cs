namespace Symbolic.Optimization;

/// <summary>
/// <see cref="BatchGradient{T1, T2}"/> for a float model: the gradient of an additive loss over inputs and their
/// targets (<c>(w, xs, ys) =&gt; xs.Zip(ys, …).Sum()</c>), computed in parallel over contiguous chunks of rows and
/// combined in a fixed order (bit for bit the same for any number of threads), in double, rounded to float once.
/// </summary>
/// <typeparam name="T1">The type of an input row.</typeparam>
/// <typeparam name="T2">The type of a target.</typeparam>
/// <remarks>
/// Use <see cref="Evaluate"/> as the objective of an optimizer's float overload. A call allocates nothing. From a
/// model written as an expression, <c>chunkModel.CompileBatchGradient(inputs, targets)</c> (in <c>SingleCalculus</c>)
/// compiles it and builds one. The loss must be additive over rows; dispose the object to end its worker threads.
/// </remarks>
public sealed class SingleBatchGradient<T1, T2> : IDisposable
{
    private readonly ChunkedGradient<float> _engine;
    private bool _disposed;

    /// <summary>Splits the rows for an already compiled float per-chunk model.</summary>
    /// <param name="chunkModel">The compiled float loss over some rows (value and gradient with respect to w).</param>
    /// <param name="inputs">The inputs; the array is split (copied) now, the rows themselves are shared.</param>
    /// <param name="targets">The targets, one per input; split the same way.</param>
    /// <param name="options">Chunk count, threads and reduction; the defaults if null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public SingleBatchGradient(SingleGradientFunc<T1[], T2[]> chunkModel, T1[] inputs, T2[] targets, BatchGradientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(chunkModel);
        BatchGradient<T1, T2>.CheckRows(inputs, targets);
        Options = options ?? new BatchGradientOptions();
        Options.Validate();
        RowCount = inputs.Length;
        _engine = ChunkedGradient<float>.OverPairs(chunkModel.Invoke, inputs, targets, Options);
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
