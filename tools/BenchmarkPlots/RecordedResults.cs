using System.Text.RegularExpressions;

namespace Symbolic.Tools.BenchmarkPlots;

/// <summary>
/// The benchmark tables of docs/benchmarks.md, as recorded in docs/benchmarks/*.csv, and the two views the
/// plots draw of them. Ratios are BenchmarkDotNet's ratio columns where the table has one; labels ending in
/// " *" are quotients of two means of one table, as the page computes them in its text.
/// </summary>
internal sealed partial record RecordedResults(BenchmarkTable Diff, BenchmarkTable Backpropagation, BenchmarkTable RosenbrockLinq,
    BenchmarkTable LogisticRegression, BenchmarkTable DenseMlpStep, BenchmarkTable BatchScaling)
{
    /// <summary>The file names in the data folder, one per table of the page.</summary>
    public static readonly string[] FileNames = ["diff.csv", "backpropagation.csv", "rosenbrock-linq.csv", "logistic-regression.csv", "dense-mlp-step.csv", "batch-scaling.csv"];

    /// <summary>Reads the six tables from <paramref name="folder"/>.</summary>
    public static RecordedResults Read(string folder)
    {
        var tables = FileNames.Select(name => BenchmarkTable.Read(Path.Combine(folder, name))).ToArray();
        return new(tables[0], tables[1], tables[2], tables[3], tables[4], tables[5]);
    }

    /// <summary>Symbolic over hand-written, per model, grouped by table, in the page's order.</summary>
    public IReadOnlyList<RatioEntry> Ratios()
    {
        const string DiffDelegate = "Diff(f).Compile() vs hand-written derivative, both via delegate (§1)";
        const string DiffLoop = "Diff(f) body in a compiled loop vs hand-written inlined loop (§1)";
        const string Gradient = "CompileGradient vs hand-written gradient, unrolled models (§5)";
        const string Linq = "CompileGradient of LINQ models vs hand-written loops (§6)";
        const string Mlp = "784-128-10 MLP step in LINQ vs hand-written (§7)";
        var entries = new List<RatioEntry>();
        entries.AddRange(Diff.Labels.Select(f => new RatioEntry(DiffDelegate, f, Diff.Number(f, "symbolic_compiled_ratio"))));
        entries.AddRange(Diff.Labels.Select(f => new RatioEntry(DiffLoop, f, Diff.Number(f, "loop_over_inlined"))));
        entries.AddRange(Backpropagation.Labels.Select(m => new RatioEntry(Gradient, m, Backpropagation.Number(m, "ratio"))));
        entries.AddRange(RosenbrockLinq.Labels.Select(n => new RatioEntry(Linq, $"Rosenbrock, n = {n}, vs the carried loop", RosenbrockLinq.Number(n, "ratio"))));
        var logistic = LogisticRegression;
        entries.Add(new(Linq, "logistic NLL vs the per-row loop", logistic.Number("Symbolic CompileGradient", "ratio")));
        entries.Add(new(Linq, "logistic NLL vs TensorPrimitives over the batch *",
            logistic.Nanoseconds("Symbolic CompileGradient", "mean") / logistic.Nanoseconds("hand-written, TensorPrimitives exp/log over the whole batch", "mean")));
        entries.Add(new(Linq, "logistic NLL, BatchGradient vs Parallel.For (2 cores) *",
            logistic.Nanoseconds("Symbolic BatchGradient (parallel, 2 workers)", "mean") / logistic.Nanoseconds("hand-written per-row loop, Parallel.For over 2 halves", "mean")));
        const string Symbolic = "Symbolic, LINQ model (CompileGradient)", Kernel = "hand-written, MatrixKernel products, default threads";
        entries.Add(new(Mlp, "vs MatrixKernel products, 2 cores *", DenseMlpStep.Nanoseconds(Symbolic, "all_cores") / DenseMlpStep.Nanoseconds(Kernel, "all_cores")));
        entries.Add(new(Mlp, "vs MatrixKernel products, one thread *", DenseMlpStep.Nanoseconds(Symbolic, "one_thread") / DenseMlpStep.Nanoseconds(Kernel, "one_thread")));
        entries.Add(new(Mlp, "vs TensorPrimitives only, 2 cores", DenseMlpStep.Number(Symbolic, "all_cores_ratio")));
        entries.Add(new(Mlp, "vs TensorPrimitives only, one thread", DenseMlpStep.Number(Symbolic, "one_thread_ratio")));
        return entries;
    }

    /// <summary>Time per value-and-gradient call of Rosenbrock against n: the LINQ model (§6) and the unrolled one (§5).</summary>
    public IReadOnlyList<TimeSeries> Scaling()
    {
        List<(double, double)> Linq(string column) =>
            [.. RosenbrockLinq.Labels.Select(n => (ParseCount(n), RosenbrockLinq.Nanoseconds(n, column)))];
        var unrolled = Backpropagation.Labels.Where(m => RosenbrockSize().IsMatch(m)).ToArray();
        List<(double, double)> Unrolled(string column) =>
            [.. unrolled.Select(m => (ParseCount(RosenbrockSize().Match(m).Groups[1].Value), Backpropagation.Nanoseconds(m, column)))];
        return
        [
            new("Symbolic CompileGradient, LINQ model (§6)", true, 0, Linq("symbolic_compile_gradient")),
            new("hand-written loop, value and gradient (§6)", false, 0, Linq("hand_written_carried")),
            new("LINQ model compiled by .NET, value only (§6)", false, 2, Linq("linq_f_compile")),
            new("Symbolic CompileGradient, unrolled expression (§5)", true, 3, Unrolled("symbolic_compile_gradient")),
            new("hand-written gradient loop (§5)", false, 3, Unrolled("hand_written_gradient")),
        ];
    }

    /// <summary>Time per call of the logistic NLL gradient (d = 10, flat data) against the number of rows m (§10).</summary>
    public IReadOnlyList<TimeSeries> BatchRows()
    {
        List<(double, double)> Column(string column) =>
            [.. BatchScaling.Labels.Select(m => (ParseCount(m), BatchScaling.Nanoseconds(m, column)))];
        return
        [
            new("Symbolic CompileGradient (block-rows)", true, 0, Column("symbolic_compile_gradient")),
            new("hand-written per-row loop", false, 1, Column("per_row")),
            new("hand-written blocked (TensorPrimitives, Vector512 dots)", false, 2, Column("blocked")),
        ];
    }

    // "1,000" as written on the page.
    private static double ParseCount(string count) =>
        double.Parse(count.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^Rosenbrock, n = ([\d,]+)$")]
    private static partial Regex RosenbrockSize();
}
