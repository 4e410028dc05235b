// Draws the recorded benchmark results, docs/benchmarks/*.csv (the figures of docs/benchmarks.md's tables,
// copied exactly), as docs/benchmarks-ratios.png, docs/benchmarks-scaling.png and docs/batch-scaling.png. Runs no benchmark.
// From the repository: dotnet run -c Release --project tools/BenchmarkPlots [-- --output DIR]
using Symbolic.Samples;
using Symbolic.Tools.BenchmarkPlots;

string? output = args switch
{
    [] => null,
    ["--output", var directory] => directory,
    _ => throw new ArgumentException($"Unknown arguments '{string.Join(" ", args)}'; expected none or '--output DIR'.", nameof(args)),
};
var root = RepositoryRoot(Environment.CurrentDirectory) ?? RepositoryRoot(AppContext.BaseDirectory)
    ?? throw new InvalidOperationException("Symbolic.sln not found above the current or the program's folder; run from a clone of the repository.");
var docs = Path.Combine(root, "docs");
var results = RecordedResults.Read(Path.Combine(docs, "benchmarks"));
var folder = Path.GetFullPath(output ?? docs);

var saved = PlotFile.TrySave(() => RatioChart.Create(results.Ratios()), Path.Combine(folder, "benchmarks-ratios.png"), 1100, 980)
          & PlotFile.TrySave(() => ScalingChart.Create(results.Scaling()), Path.Combine(folder, "benchmarks-scaling.png"), 900, 560)
          & PlotFile.TrySave(() => ScalingChart.Create(results.BatchRows(), "Logistic NLL gradient, d = 10: time per call against m (docs/benchmarks.md §10)",
              "m, the number of rows (log scale)"), Path.Combine(folder, "batch-scaling.png"), 900, 560);
return saved ? 0 : 1;

static string? RepositoryRoot(string start)
{
    for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        if (File.Exists(Path.Combine(folder.FullName, "Symbolic.sln"))) return folder.FullName;
    return null;
}
