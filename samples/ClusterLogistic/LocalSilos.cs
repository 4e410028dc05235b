using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ClusterLogistic;

/// <summary>
/// Silo processes of this program on 127.0.0.1, each on ports found free when it starts, forming one
/// cluster (the first is the primary of Orleans' development clustering). Disposing kills them; a silo
/// also stops by itself when the process that started it exits, so none outlives a crashed parent.
/// </summary>
public sealed class LocalSilos : IDisposable
{
    private readonly List<Process> _processes = [];

    private LocalSilos(string clusterId) => ClusterId = clusterId;

    /// <summary>The cluster's id (new per start, so that no other cluster on the machine is joined by mistake).</summary>
    public string ClusterId { get; }

    /// <summary>The silo processes' ids.</summary>
    public IReadOnlyList<int> ProcessIds
    {
        get
        {
            lock (_processes) return [.. _processes.Select(p => p.Id)];
        }
    }

    /// <summary>The gateway ports the client connects to.</summary>
    public List<int> GatewayPorts { get; } = [];

    /// <summary>Starts <paramref name="count"/> silos that serve <paramref name="rowCount"/> rows, and waits until each is ready.</summary>
    /// <param name="siloProgram">The path of ClusterLogistic.dll.</param>
    /// <param name="count">The number of silos.</param>
    /// <param name="rowCount">The number of rows of the data the silos' loader generates.</param>
    /// <param name="timeout">How long to wait for each silo to be ready before giving up (and killing them all).</param>
    public static async Task<LocalSilos> StartAsync(string siloProgram, int count, int rowCount, TimeSpan timeout)
    {
        var silos = new LocalSilos($"symbolic-{Guid.NewGuid():N}");
        try
        {
            // The primary first (the others join through it), then the others at once.
            var ports = Enumerable.Range(0, count).Select(_ => (Silo: FreePort(), Gateway: FreePort())).ToArray();
            Task Start(int i) => silos.StartOneAsync(siloProgram, ["silo", $"--silo-port={ports[i].Silo}", $"--gateway-port={ports[i].Gateway}",
                $"--primary-port={ports[0].Silo}", $"--cluster={silos.ClusterId}", $"--rows={rowCount}", $"--parent={Environment.ProcessId}"], timeout);
            await Start(0);
            await Task.WhenAll(Enumerable.Range(1, count - 1).Select(Start));
            silos.GatewayPorts.AddRange(ports.Select(p => p.Gateway));
            return silos;
        }
        catch
        {
            silos.Dispose();
            throw;
        }
    }

    private async Task StartOneAsync(string siloProgram, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(siloProgram);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {siloProgram}.");
        lock (_processes) _processes.Add(process);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            output.Enqueue(e.Data);
            if (e.Data == SiloHost.ReadyLine) ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(timeout));
        if (first != ready.Task)
            throw new InvalidOperationException($"The silo {string.Join(' ', arguments)} {(first == exited ? $"exited with code {process.ExitCode}" : $"was not ready after {timeout}")}; its output:{Environment.NewLine}{string.Join(Environment.NewLine, output.TakeLast(30))}");
    }

    /// <summary>Kills every silo process and waits (a few seconds at most) for it to exit.</summary>
    public void Dispose()
    {
        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.WaitForExit(5_000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            process.Dispose();
        }
        _processes.Clear();
    }

    /// <summary>A TCP port on 127.0.0.1 that is free now (the silo binds it a moment later).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The dotnet host that runs this process (set by the SDK for tests), or the one on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";
}
