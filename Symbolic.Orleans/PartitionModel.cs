namespace Symbolic.Orleans;

/// <summary>A model registered on a silo: its name, and how to load and compile a partition of it.</summary>
internal abstract class PartitionModel(string name)
{
    public string Name { get; } = name;

    /// <summary>Runs the loader and compiles the model (once per activation) for the partition's rows.</summary>
    /// <exception cref="InvalidOperationException">The loader threw or returned bad rows; the message names the partition.</exception>
    /// <exception cref="NotSupportedException">The model cannot be differentiated; the message names it.</exception>
    public abstract Task<LoadedPartition> LoadAsync(PartitionKey key, CancellationToken cancellationToken);

    /// <summary>Calls a loader, turning its failure into an error that names the partition.</summary>
    protected static async Task<T> CallLoaderAsync<T>(PartitionKey key, Func<ValueTask<T>> load, CancellationToken cancellationToken)
    {
        T rows;
        try
        {
            rows = await load().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception error)
        {
            throw new InvalidOperationException($"The loader of {key} failed: {error.GetType().Name}: {error.Message}", error);
        }
        if (rows is null) throw new InvalidOperationException($"The loader of {key} returned null instead of rows.");
        return rows;
    }

    /// <summary>Compiles the model, naming it if it cannot be differentiated.</summary>
    protected TCompiled Compile<TCompiled>(Func<TCompiled> compile)
    {
        try
        {
            return compile();
        }
        catch (NotSupportedException error)
        {
            throw new NotSupportedException($"The model '{Name}' cannot be differentiated: {error.Message}", error);
        }
    }
}
