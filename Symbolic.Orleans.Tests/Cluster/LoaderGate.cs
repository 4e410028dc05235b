namespace Symbolic.Orleans.Tests.Cluster;

/// <summary>
/// Stops the first loader that reaches it until <see cref="Open"/> (at most 30 s), and tells on which silo it
/// waits; later loaders pass. A test uses it to kill a silo while a call to it is in flight.
/// </summary>
internal sealed class LoaderGate
{
    private readonly TaskCompletionSource<string> _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The silo where the first loader waits, once it waits.</summary>
    public Task<string> Reached => _reached.Task;

    public async Task PassAsync(string silo, CancellationToken cancellationToken)
    {
        if (_reached.TrySetResult(silo)) await _opened.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }

    public void Open() => _opened.TrySetResult();
}
