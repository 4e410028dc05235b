using ClusterLogistic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Symbolic.Optimization;

namespace Symbolic.Orleans.Tests.Processes;

/// <summary>
/// Three silos as separate OS processes on 127.0.0.1 (the ClusterLogistic sample in silo mode), a client
/// here: training on them gives the parameters of the same training in this process, bit for bit. The
/// processes are killed at the end, whatever happens.
/// </summary>
public sealed class SiloProcessTests
{
    private const int Rows = 30_000;
    private const int Partitions = 5;

    [Fact]
    public async Task TrainingOnThreeSiloProcessesGivesTheParametersOfTrainingInOneProcess()
    {
        var siloProgram = Path.Combine(AppContext.BaseDirectory, "ClusterLogistic.dll");
        using var silos = await LocalSilos.StartAsync(siloProgram, 3, Rows, TimeSpan.FromSeconds(60));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseLocalhostClustering([.. silos.GatewayPorts], serviceId: SiloHost.ServiceId, clusterId: silos.ClusterId));
        using var host = builder.Build();
        using var connecting = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StartAsync(connecting.Token);
        try
        {
            var distributed = new ClusterGradient(host.Services.GetRequiredService<IClusterClient>(), LogisticData.ModelName, Partitions,
                new ClusterGradientOptions { Reduction = BatchReduction.Mean, Timeout = TimeSpan.FromSeconds(30) });
            Assert.Equal(Rows, await distributed.LoadAsync());
            var stopping = new StoppingCriteria { GradientTolerance = 1e-9, MaxIterations = 30 };
            var start = new double[LogisticData.Features + 1];
            var remote = await new Lbfgs().MinimizeAsync(distributed, start, stopping).WaitAsync(TimeSpan.FromSeconds(90));

            var (inputs, targets) = LogisticData.All(Rows, Partitions);
            using var batch = LogisticData.MeanNegativeLogLikelihood.CompileBatchGradient(inputs, targets,
                new BatchGradientOptions { ChunkCount = Partitions, Reduction = BatchReduction.Mean });
            var local = new Lbfgs().Minimize(batch.Evaluate, start, stopping);

            Assert.True(remote.Iterations > 5);
            Assert.Equal(local.Iterations, remote.Iterations);
            Assert.Equal(local.Minimizer.Select(BitConverter.DoubleToInt64Bits), remote.Minimizer.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(BitConverter.DoubleToInt64Bits(local.Value), BitConverter.DoubleToInt64Bits(remote.Value));
        }
        finally
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.StopAsync(stopping.Token);
        }
    }

    [Fact]
    public async Task ASiloProcessToldToStopBySigtermExitsWhileItsParentLives()
    {
        // Regression: the silo waited only for its parent to exit, so SIGTERM (e.g. from `timeout`) left it running.
        using var silos = await LocalSilos.StartAsync(Path.Combine(AppContext.BaseDirectory, "ClusterLogistic.dll"), 1, Rows, TimeSpan.FromSeconds(60));
        using var silo = System.Diagnostics.Process.GetProcessById(silos.ProcessIds.Single());
        Assert.Equal(0, Signals.Terminate(silo.Id));
        using var exiting = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await silo.WaitForExitAsync(exiting.Token);
        Assert.True(silo.HasExited);
    }
}
