namespace Symbolic.Optimization;

/// <summary>
/// The engine of the batch gradients: one value-and-gradient function per chunk of the data, run by a
/// <see cref="WorkerTeam"/> into per-chunk buffers, then combined on the caller's thread in chunk order,
/// so the result is the same, bit for bit, on every run and for any number of threads.
/// </summary>
internal sealed class ChunkedGradient : IDisposable
{
    private readonly GradientFunc[] _chunks;
    private readonly double[] _weights;
    private readonly double[] _values;
    private readonly double[]?[] _gradients;
    private readonly WorkerTeam _team;
    private double[] _w = [];
    private int _busy;

    /// <param name="chunks">f_c(w, gradient) for each chunk c.</param>
    /// <param name="weights">The weight of each chunk in the total: Σ_c weight_c·f_c.</param>
    /// <param name="threads">The most threads to use, the caller's included.</param>
    public ChunkedGradient(GradientFunc[] chunks, double[] weights, int threads)
    {
        (_chunks, _weights) = (chunks, weights);
        _values = new double[chunks.Length];
        _gradients = new double[]?[chunks.Length];
        _team = new WorkerTeam(RunChunk, chunks.Length, threads);
    }

    public int ChunkCount => _chunks.Length;

    public int ThreadCount => _team.Size;

    public double Evaluate(double[] w, double[] gradient)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(gradient);
        if (gradient.Length != w.Length) throw new ArgumentException($"The gradient buffer has length {gradient.Length}; it must have the length of w, {w.Length}.", nameof(gradient));
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
            throw new InvalidOperationException("A batch gradient evaluates one call at a time; it is already evaluating on another thread.");
        try
        {
            _w = w;
            _team.Run();
            return Combine(gradient);
        }
        finally
        {
            _w = [];
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>Chunk c into its own buffer, allocated on the thread that always runs c (no false sharing with other chunks).</summary>
    private void RunChunk(int c)
    {
        var w = _w;
        var gradient = _gradients[c];
        if (gradient is null || gradient.Length != w.Length) _gradients[c] = gradient = new double[w.Length];
        _values[c] = _chunks[c](w, gradient);
    }

    /// <summary>Σ_c weight_c·(f_c, ∇f_c), always in chunk order.</summary>
    private double Combine(double[] gradient)
    {
        var value = 0.0;
        Array.Clear(gradient);
        for (var c = 0; c < _chunks.Length; c++)
        {
            var weight = _weights[c];
            value += weight * _values[c];
            Vectors.AddScaled(gradient, weight, _gradients[c]!);
        }
        return value;
    }

    public void Dispose() => _team.Dispose();
}
