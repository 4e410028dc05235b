using System.Numerics;

namespace Symbolic.Optimization;

/// <summary>
/// The engine of the batch gradients, in double and in float: one value-and-gradient function per chunk of the data,
/// run by a <see cref="WorkerTeam"/> into per-chunk buffers, then combined on the caller's thread in chunk order, so
/// the result is the same, bit for bit, on every run and for any number of threads.
/// </summary>
/// <typeparam name="TNumber">The element type of the parameters and gradient (double or float); not named T, which the
/// architecture test's loader would confuse with other layers' type parameters of that name.</typeparam>
/// <remarks>
/// The chunks are combined in double whatever <typeparamref name="TNumber"/> is, and a float total is rounded once at the
/// end: the accumulation policy of float models (docs/precision.md), carried over the chunks.
/// </remarks>
internal sealed class ChunkedGradient<TNumber> : IDisposable where TNumber : IFloatingPointIeee754<TNumber>
{
    private readonly Func<TNumber[], TNumber[], TNumber>[] _chunks;
    private readonly double[] _weights;
    private readonly TNumber[] _values;
    private readonly TNumber[]?[] _gradients;
    private readonly WorkerTeam _team;
    private double[] _sum = [];
    private TNumber[] _w = [];
    private int _busy;

    /// <param name="chunks">f_c(w, gradient) for each chunk c.</param>
    /// <param name="weights">The weight of each chunk in the total: Σ_c weight_c·f_c.</param>
    /// <param name="threads">The most threads to use, the caller's included.</param>
    public ChunkedGradient(Func<TNumber[], TNumber[], TNumber>[] chunks, double[] weights, int threads)
    {
        (_chunks, _weights) = (chunks, weights);
        _values = new TNumber[chunks.Length];
        _gradients = new TNumber[]?[chunks.Length];
        _team = new WorkerTeam(RunChunk, chunks.Length, threads);
    }

    /// <summary>The engine over one array of rows: the rows split into contiguous chunks, each chunk bound to the model.</summary>
    public static ChunkedGradient<TNumber> OverRows<TRow>(Func<TNumber[], TRow[], TNumber[], TNumber> model, TRow[] data, BatchGradientOptions options)
    {
        var chunks = DataChunks.Split(data, DataChunks.CountFor(data.Length, options.ChunkCount));
        var weights = DataChunks.Weights([.. chunks.Select(c => c.Length)], data.Length, options.Reduction);
        return new ChunkedGradient<TNumber>([.. chunks.Select(chunk => new Func<TNumber[], TNumber[], TNumber>((w, g) => model(w, chunk, g)))], weights, options.MaxThreads);
    }

    /// <summary>The engine over two parallel arrays (inputs and targets), split at the same rows.</summary>
    public static ChunkedGradient<TNumber> OverPairs<T1, T2>(Func<TNumber[], T1[], T2[], TNumber[], TNumber> model, T1[] inputs, T2[] targets, BatchGradientOptions options)
    {
        var count = DataChunks.CountFor(inputs.Length, options.ChunkCount);
        var (inputChunks, targetChunks) = (DataChunks.Split(inputs, count), DataChunks.Split(targets, count));
        var weights = DataChunks.Weights([.. inputChunks.Select(c => c.Length)], inputs.Length, options.Reduction);
        var functions = new Func<TNumber[], TNumber[], TNumber>[count];
        for (var c = 0; c < count; c++)
        {
            var (xs, ys) = (inputChunks[c], targetChunks[c]);
            functions[c] = (w, g) => model(w, xs, ys, g);
        }
        return new ChunkedGradient<TNumber>(functions, weights, options.MaxThreads);
    }

    public int ChunkCount => _chunks.Length;

    public int ThreadCount => _team.Size;

    public TNumber Evaluate(TNumber[] w, TNumber[] gradient)
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
        if (gradient is null || gradient.Length != w.Length) _gradients[c] = gradient = new TNumber[w.Length];
        _values[c] = _chunks[c](w, gradient);
    }

    /// <summary>Σ_c weight_c·(f_c, ∇f_c), always in chunk order, accumulated in double (a double gradient is its own accumulator).</summary>
    private TNumber Combine(TNumber[] gradient)
    {
        var value = 0.0;
        var sum = gradient as double[] ?? Scratch(gradient.Length);
        Array.Clear(sum);
        for (var c = 0; c < _chunks.Length; c++)
        {
            var weight = _weights[c];
            value += weight * double.CreateTruncating(_values[c]);
            Vectors.AddScaled(sum, weight, _gradients[c]!);
        }
        if (!ReferenceEquals(sum, gradient))
            for (var i = 0; i < gradient.Length; i++) gradient[i] = TNumber.CreateTruncating(sum[i]);
        return TNumber.CreateTruncating(value);
    }

    /// <summary>The double accumulator of a float gradient, kept between calls so a call allocates nothing.</summary>
    private double[] Scratch(int length)
    {
        if (_sum.Length != length) _sum = new double[length];
        return _sum;
    }

    public void Dispose() => _team.Dispose();
}
