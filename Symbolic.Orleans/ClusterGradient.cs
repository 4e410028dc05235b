using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Symbolic.Optimization;

namespace Symbolic.Orleans;

/// <summary>
/// The gradient of an additive loss whose data lives in partitions on an Orleans cluster: each call sends
/// w to every partition's grain, which evaluates the model's compiled gradient over the rows it keeps in
/// memory, and sums the replies in partition order. Only w and the gradients travel.
/// </summary>
/// <remarks>
/// <para>
/// The sum is made in partition order with the arithmetic of <see cref="BatchGradient{TRow}"/>, whatever
/// the number of silos or the order the replies arrive in: when partition p holds the rows
/// <see cref="RowPartitioning.Rows"/>(n, p, P) of n rows, the result equals, bit for bit, a
/// <see cref="BatchGradient{TRow}"/> over all n rows with <c>ChunkCount = P</c>.
/// </para>
/// <para>
/// A partition whose silo is lost (a <see cref="SiloUnavailableException"/>, a broken connection, a response
/// timeout) is asked again after <see cref="ClusterGradientOptions.RetryDelay"/>: the cluster reactivates it
/// on a surviving silo, where the loader reloads the same rows, so the evaluation returns the same result
/// as without the fault. Any other failure (a loader that throws, an unknown model) is thrown at once.
/// Use it as the objective of <c>MinimizeAsync</c>. One evaluation runs at a time.
/// </para>
/// </remarks>
public sealed class ClusterGradient : IAsyncObjective
{
    private readonly IPartitionGrain[] _partitions;
    private readonly PartitionKey[] _keys;
    private int _busy;

    /// <summary>Refers to the partitions of a model registered on the silos; nothing is sent until the first call.</summary>
    /// <param name="grains">The cluster client (or a grain's factory).</param>
    /// <param name="model">The model's name, as registered with <see cref="SiloBuilderExtensions.AddPartitionModel{TRow}"/> on every silo.</param>
    /// <param name="partitionCount">The number of partitions; the loaders are told it.</param>
    /// <param name="options">Reduction, timeout and retry delay; the defaults if null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="grains"/> or <paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="partitionCount"/> is less than 1, or an option is out of range.</exception>
    public ClusterGradient(IGrainFactory grains, string model, int partitionCount, ClusterGradientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        Options = options ?? new ClusterGradientOptions();
        Options.Validate();
        (Model, PartitionCount) = (model, partitionCount);
        _keys = [.. Enumerable.Range(0, partitionCount).Select(p => new PartitionKey(model, p, partitionCount))];
        _partitions = [.. _keys.Select(key => grains.GetGrain<IPartitionGrain>(key.Format()))];
    }

    /// <summary>The model's name.</summary>
    public string Model { get; }

    /// <summary>The number of partitions.</summary>
    public int PartitionCount { get; }

    /// <summary>The options it was made with.</summary>
    public ClusterGradientOptions Options { get; }

    /// <summary>Time and retries spent so far, summed over the completed evaluations.</summary>
    public ClusterGradientStatistics Statistics { get; private set; }

    /// <summary>
    /// Loads every partition on its silo if it is not loaded yet (the first evaluation does it otherwise),
    /// so that loading errors show, and loading time is spent, before training.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The number of rows over all partitions.</returns>
    /// <exception cref="InvalidOperationException">A loader failed (the message names the partition), a model is not registered, or another call is in progress.</exception>
    /// <exception cref="TimeoutException">It took longer than <see cref="ClusterGradientOptions.Timeout"/>.</exception>
    /// <exception cref="OperationCanceledException">It was cancelled.</exception>
    public async Task<long> LoadAsync(CancellationToken cancellationToken = default)
    {
        Enter();
        try
        {
            var (rows, _) = await FanOutAsync((grain, token) => grain.LoadAsync(token), cancellationToken).ConfigureAwait(false);
            return rows.Sum(r => (long)r);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>Writes the gradient of the loss over all partitions into <paramref name="gradient"/> and returns the loss.</summary>
    /// <param name="w">The parameters; not modified.</param>
    /// <param name="gradient">Receives the gradient; as long as <paramref name="w"/>.</param>
    /// <param name="cancellationToken">Cancels the evaluation (an <see cref="OperationCanceledException"/> is thrown).</param>
    /// <returns>The loss over all partitions.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The buffer's length differs from w's.</exception>
    /// <exception cref="InvalidOperationException">A loader or a partition's evaluation failed (the message names the partition), a model is not registered, or another call is in progress.</exception>
    /// <exception cref="NotSupportedException">The model cannot be differentiated.</exception>
    /// <exception cref="TimeoutException">The evaluation took longer than <see cref="ClusterGradientOptions.Timeout"/>.</exception>
    /// <exception cref="OperationCanceledException">The evaluation was cancelled.</exception>
    public async ValueTask<double> EvaluateAsync(double[] w, double[] gradient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(gradient);
        if (gradient.Length != w.Length) throw new ArgumentException($"The gradient buffer has length {gradient.Length}; it must have the length of w, {w.Length}.", nameof(gradient));
        Enter();
        try
        {
            var point = (double[])w.Clone();   // the same w for every retry, whatever the caller does meanwhile
            var clock = Stopwatch.StartNew();
            var (results, retries) = await FanOutAsync((grain, token) => grain.EvaluateAsync(point, token), cancellationToken).ConfigureAwait(false);
            var value = Combine(results, gradient);
            var s = Statistics;
            Statistics = new ClusterGradientStatistics(s.Evaluations + 1, s.Elapsed + clock.Elapsed, s.ComputeTime + results.Max(r => r.ComputeTime), s.Retries + retries);
            return value;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>
    /// Σ_p weight_p·(f_p, ∇f_p) in partition order, with BatchGradient's weights (1 for a sum, the
    /// partition's share of the rows for a mean) and its arithmetic (ChunkedGradient.Combine).
    /// </summary>
    private double Combine(PartitionResult[] results, double[] gradient)
    {
        var rows = 0L;   // may exceed int.MaxValue on a cluster; as a double it is exact, as BatchGradient's int count is
        foreach (var result in results) rows += result.RowCount;
        var value = 0.0;
        Array.Clear(gradient);
        for (var p = 0; p < results.Length; p++)
        {
            var result = results[p];
            // BatchGradient makes no empty chunk; skipping empty partitions keeps its sums (and 0·NaN out of a mean).
            if (result.RowCount == 0) continue;
            if (result.Gradient.Length != gradient.Length)
                throw new InvalidOperationException($"{_keys[p]} returned a gradient of length {result.Gradient.Length} for a w of length {gradient.Length}.");
            var weight = Options.Reduction == BatchReduction.Sum ? 1.0 : (double)result.RowCount / rows;
            value += weight * result.Value;
            var partial = result.Gradient;
            for (var i = 0; i < gradient.Length; i++) gradient[i] += weight * partial[i];
        }
        return value;
    }

    /// <summary>
    /// Calls every partition, asks again those whose silo was lost until all have answered, and returns the
    /// answers in partition order with the number of calls made again.
    /// </summary>
    private async Task<(T[] Results, int Retries)> FanOutAsync<T>(Func<IPartitionGrain, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Options.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var token = linked.Token;
        var results = new T[_partitions.Length];
        var pending = Enumerable.Range(0, _partitions.Length).ToArray();
        Task<T>[] calls = [];
        var retries = 0;
        Exception? lastFault = null;
        try
        {
            while (true)
            {
                calls = [.. pending.Select(p => call(_partitions[p], token))];
                try
                {
                    // WaitAsync: a call to a silo that died may not answer before Orleans' response timeout.
                    await Task.WhenAll(calls).WaitAsync(token).ConfigureAwait(false);
                }
                catch
                {
                    // Inspected one by one below, after the token: a fault that races the timeout or a cancellation must
                    // surface as those (TimeoutException, OperationCanceledException), not as the raw Orleans exception.
                }
                token.ThrowIfCancellationRequested();
                var failed = new List<int>();
                for (var i = 0; i < calls.Length; i++)
                {
                    var (task, p) = (calls[i], pending[i]);
                    if (task.IsCompletedSuccessfully) results[p] = task.Result;
                    else if (task.Exception?.InnerException is { } error && TransientFaults.IsTransient(error))
                    {
                        failed.Add(p);
                        lastFault = error;
                    }
                    else
                    {
                        await linked.CancelAsync().ConfigureAwait(false);   // the other partitions' calls are of no use now
                        throw Failure(p, task);
                    }
                }
                if (failed.Count == 0) return (results, retries);
                (pending, calls, retries) = ([.. failed], [], retries + failed.Count);
                await Task.Delay(Options.RetryDelay, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"The evaluation of model '{Model}' over {PartitionCount} partitions took longer than {Options.Timeout}; partitions still missing: {string.Join(", ", pending.Where((_, i) => i >= calls.Length || !calls[i].IsCompletedSuccessfully))}.",
                lastFault);
        }
    }

    /// <summary>The failure of a partition's call, as it is thrown to the caller.</summary>
    private Exception Failure(int partition, Task task)
    {
        var error = task.Exception?.InnerException ?? new OperationCanceledException($"The call to {_keys[partition]} was cancelled.");
        // The grain's own errors (a failed loader, an unknown model, a model that cannot be differentiated) name the partition or model already.
        if (error is InvalidOperationException or NotSupportedException or OperationCanceledException)
        {
            ExceptionDispatchInfo.Capture(error).Throw();
        }
        return new InvalidOperationException($"Evaluating {_keys[partition]} failed: {error.GetType().Name}: {error.Message}", error);
    }

    private void Enter()
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
            throw new InvalidOperationException("A cluster gradient runs one call at a time; it is already running one.");
    }
}
