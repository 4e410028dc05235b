// Logistic regression on 10^7 generated rows held by three Orleans silo processes on this machine: each
// silo generates the partitions placed on it and keeps them in memory; L-BFGS on the client sends only w
// and receives gradients. Then the same data in one process with BatchGradient (same chunking): the
// final parameters are the same, bit for bit.
// Run from the repository root: dotnet run -c Release --project samples/ClusterLogistic
// Options: --rows=10000000 --partitions=12 --silos=3. (With "silo" first it runs as a silo; see SiloHost.)
using System.Diagnostics;
using System.Reflection;
using ClusterLogistic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Symbolic;
using Symbolic.Optimization;
using Symbolic.Orleans;

var options = args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).Select(a => a[2..].Split('=', 2)).ToDictionary(a => a[0], a => a.Length > 1 ? a[1] : "");
if (args.FirstOrDefault() == "silo") return await SiloHost.RunAsync(options);

var rowCount = int.Parse(options.GetValueOrDefault("rows", "10000000"));
var partitions = int.Parse(options.GetValueOrDefault("partitions", "12"));
var siloCount = int.Parse(options.GetValueOrDefault("silos", "3"));
var stopping = new StoppingCriteria { GradientTolerance = 1e-7, MaxIterations = 100 };
var start = new double[LogisticData.Features + 1];

Console.WriteLine($"Logistic regression, {LogisticData.Features} features, {rowCount:N0} generated rows in {partitions} partitions.");
Console.WriteLine();
Console.WriteLine($"Cluster: starting {siloCount} silo processes on 127.0.0.1 ...");
var clock = Stopwatch.StartNew();
OptimizationResult distributed;
using (var silos = await LocalSilos.StartAsync(Assembly.GetEntryAssembly()!.Location, siloCount, rowCount, TimeSpan.FromSeconds(60)))
{
    Console.WriteLine($"  {siloCount} silos up in {clock.Elapsed.TotalSeconds:F1} s");
    clock.Restart();
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.UseOrleansClient(client => client.UseLocalhostClustering([.. silos.GatewayPorts], serviceId: SiloHost.ServiceId, clusterId: silos.ClusterId));
    using var host = builder.Build();
    await host.StartAsync();
    Console.WriteLine($"  the client connected in {clock.Elapsed.TotalSeconds:F1} s");

    var objective = new ClusterGradient(host.Services.GetRequiredService<IClusterClient>(), LogisticData.ModelName, partitions,
        new ClusterGradientOptions { Reduction = BatchReduction.Mean });
    clock.Restart();
    var loaded = await objective.LoadAsync();
    Console.WriteLine($"  {loaded:N0} rows generated on the silos in {clock.Elapsed.TotalSeconds:F1} s (in parallel, where each partition lives)");
    Console.WriteLine();
    Console.WriteLine("  iter        loss   |gradient|  evals   compute  communication");

    clock.Restart();
    distributed = await new Lbfgs().MinimizeAsync(objective, start, stopping, new ClusterProgress(objective));
    Console.WriteLine($"  L-BFGS: {distributed.Reason} after {distributed.Iterations} iterations, {distributed.Evaluations} evaluations, {clock.Elapsed.TotalSeconds:F1} s;" +
                      $" compute {objective.Statistics.ComputeTime.TotalSeconds:F1} s, communication {(objective.Statistics.Elapsed - objective.Statistics.ComputeTime).TotalSeconds:F1} s");
    await host.StopAsync();
}

Console.WriteLine();
Console.WriteLine("One process: the same rows, BatchGradient with the same chunking ...");
clock.Restart();
var (inputs, targets) = LogisticData.All(rowCount, partitions);
Console.WriteLine($"  {rowCount:N0} rows generated in {clock.Elapsed.TotalSeconds:F1} s");
clock.Restart();
using var batch = LogisticData.MeanNegativeLogLikelihood.CompileBatchGradient(inputs, targets,
    new BatchGradientOptions { ChunkCount = partitions, Reduction = BatchReduction.Mean });
var local = new Lbfgs().Minimize(batch.Evaluate, start, stopping);
Console.WriteLine($"  L-BFGS: {local.Reason} after {local.Iterations} iterations, {local.Evaluations} evaluations, {clock.Elapsed.TotalSeconds:F1} s on {batch.ThreadCount} threads");

Console.WriteLine();
var identical = distributed.Minimizer.SequenceEqual(local.Minimizer) && BitConverter.DoubleToInt64Bits(distributed.Value) == BitConverter.DoubleToInt64Bits(local.Value);
Console.WriteLine($"Final loss: cluster {distributed.Value:R}, one process {local.Value:R} ({(identical ? "the same parameters, bit for bit" : "DIFFERENT")})");
Console.WriteLine($"Parameters: [{string.Join(", ", distributed.Minimizer.Select(v => v.ToString("F4")))}]");
return identical ? 0 : 1;

/// <summary>Prints each iteration with the time the cluster spent on it, split into computing and the rest.</summary>
internal sealed class ClusterProgress(ClusterGradient objective) : IProgress<OptimizationProgress>
{
    private ClusterGradientStatistics _last;

    public void Report(OptimizationProgress value)
    {
        var now = objective.Statistics;
        var (compute, elapsed) = (now.ComputeTime - _last.ComputeTime, now.Elapsed - _last.Elapsed);
        Console.WriteLine($"  {value.Iteration,4}  {value.Value,10:F6}  {value.GradientNorm,11:0.00e0}  {now.Evaluations - _last.Evaluations,5}  {compute.TotalMilliseconds,6:F0} ms  {(elapsed - compute).TotalMilliseconds,10:F0} ms");
        _last = now;
    }
}
