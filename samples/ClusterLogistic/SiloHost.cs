using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Symbolic.Orleans;

namespace ClusterLogistic;

/// <summary>
/// The silo side of the sample: an Orleans silo on 127.0.0.1 that registers the logistic model, whose loader
/// generates a partition's rows where the partition is activated. It prints <see cref="ReadyLine"/> once it
/// has joined the cluster, and stops when the process that started it exits or when it is told to
/// (SIGTERM, Ctrl+C).
/// </summary>
public static class SiloHost
{
    public const string ReadyLine = "SILO READY";

    /// <summary>The Orleans service id of the sample's clusters.</summary>
    public const string ServiceId = "symbolic-cluster-logistic";

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        var (siloPort, gatewayPort, primaryPort) = (int.Parse(options["silo-port"]), int.Parse(options["gateway-port"]), int.Parse(options["primary-port"]));
        var rowCount = int.Parse(options["rows"]);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, primaryPort), serviceId: ServiceId, clusterId: options["cluster"]);
            silo.Configure<EndpointOptions>(o =>
            {
                // Listen on the loopback interface only.
                o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Loopback, siloPort);
                o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Loopback, gatewayPort);
            });
            silo.AddPartitionModel(LogisticData.ModelName, LogisticData.MeanNegativeLogLikelihood,
                (partition, partitionCount, _) => ValueTask.FromResult(LogisticData.Partition(rowCount, partition, partitionCount)));
        });
        using var host = builder.Build();
        await host.StartAsync();
        Console.WriteLine(ReadyLine);
        // Runs until the parent exits, or the silo is told to stop (SIGTERM, Ctrl+C).
        var stopRequested = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        await WaitForExitAsync(int.Parse(options["parent"]), stopRequested);
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await host.StopAsync(stopping.Token);
        return 0;
    }

    private static async Task WaitForExitAsync(int processId, CancellationToken stopRequested)
    {
        try
        {
            using var parent = Process.GetProcessById(processId);
            await parent.WaitForExitAsync(stopRequested);
        }
        catch (ArgumentException)
        {
            // The parent has exited already.
        }
        catch (OperationCanceledException) when (stopRequested.IsCancellationRequested)
        {
            // Told to stop.
        }
    }
}
