using System.Text.RegularExpressions;
using Symbolic.Tools.BenchmarkPlots;

namespace Symbolic.Tests.Samples;

/// <summary>
/// The recorded benchmark results the plots are drawn from (docs/benchmarks/*.csv, read by
/// tools/BenchmarkPlots/BenchmarkTable.cs, compiled into this project) against the tables of
/// docs/benchmarks.md they were copied from: the page is the oracle.
/// </summary>
public sealed partial class RecordedBenchmarkResultsTests
{
    private static readonly string DataFolder = Path.Combine(AppContext.BaseDirectory, "data", "docs", "benchmarks");
    private static readonly string[] Page = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "docs", "benchmarks.md"));

    private static string[] CsvFileNames() => [.. Directory.GetFiles(DataFolder, "*.csv").Select(path => Path.GetFileName(path)).Order()];

    public static TheoryData<string> CsvFiles() => [.. CsvFileNames()];

    [Theory]
    [MemberData(nameof(CsvFiles))]
    public void Every_recorded_figure_is_in_the_page_row_of_the_same_label_in_the_same_order(string file)
    {
        var table = BenchmarkTable.Read(Path.Combine(DataFolder, file));
        var sectionNote = Assert.Single(table.Notes, note => note.StartsWith("section: ", StringComparison.Ordinal));
        var section = Section(sectionNote["section: ".Length..]);

        foreach (var row in table.Rows)
        {
            var pageRow = section.Where(line => line.StartsWith('|')).Select(line => line.Split('|')[1..^1])
                .FirstOrDefault(cells => Plain(cells[0]) == row[0]);
            Assert.True(pageRow is not null, $"{file}: no row '{row[0]}' in the page's section '{sectionNote}'.");
            var pageFigures = pageRow[1..].SelectMany(Figures).ToList();
            var recorded = row.Skip(1).SelectMany(Figures).ToList();
            Assert.True(IsOrderedSubsequence(recorded, pageFigures),
                $"{file}, row '{row[0]}': recorded [{string.Join("; ", recorded)}] are not, in order, among the page's [{string.Join("; ", pageFigures)}].");
        }
    }

    [Fact]
    public void The_plots_read_every_recorded_table_and_no_other()
    {
        Assert.Equal(RecordedResults.FileNames.Order(), CsvFileNames());
    }

    [Fact]
    public void The_ratios_computed_from_two_means_agree_with_the_ratios_the_page_quotes()
    {
        var ratios = RecordedResults.Read(DataFolder).Ratios().Where(e => e.Label.EndsWith(" *", StringComparison.Ordinal)).ToDictionary(e => e.Label, e => e.Ratio);

        // The page's text: "1.13x on both cores (197.2 / 173.8) and 1.08x on one thread (304.4 / 282.3)";
        // "the TensorPrimitives baseline ... is 1.78x faster than Symbolic"; BatchGradient "as fast as" Parallel.For.
        Assert.Equal(1.13, ratios["vs MatrixKernel products, 2 cores *"], 0.005);
        Assert.Equal(1.08, ratios["vs MatrixKernel products, one thread *"], 0.005);
        Assert.Equal(1.78, ratios["logistic NLL vs TensorPrimitives over the batch *"], 0.005);
        Assert.InRange(ratios["logistic NLL, BatchGradient vs Parallel.For (2 cores) *"], 0.95, 1.0);
    }

    [Fact]
    public void The_scaling_plot_puts_Rosenbrock_at_the_sizes_of_the_page_rows()
    {
        var series = RecordedResults.Read(DataFolder).Scaling();

        Assert.All(series.Where(s => s.Name.EndsWith("(§6)", StringComparison.Ordinal)), s => Assert.Equal([1_000.0, 100_000.0], s.Points.Select(p => p.N)));
        Assert.All(series.Where(s => s.Name.EndsWith("(§5)", StringComparison.Ordinal)), s => Assert.Equal([10.0, 100.0, 1_000.0], s.Points.Select(p => p.N)));
        Assert.Equal(5, series.Count);
    }

    [Fact]
    public void Quoted_fields_keep_their_commas_and_doubled_quotes()
    {
        var table = BenchmarkTable.Parse(["# a note", "model,time", "\"Rosenbrock, n = 1,000\",919.0 ns", "\"the \"\"shared\"\" chain\",1.813 μs"], "test.csv");

        Assert.Equal(["a note"], table.Notes);
        Assert.Equal(["Rosenbrock, n = 1,000", "the \"shared\" chain"], table.Labels);
    }

    [Theory]
    [InlineData("919.0 ns", 919.0)]
    [InlineData("1.813 μs", 1_813)]   // Greek small letter mu
    [InlineData("282.3 µs", 282_300)]  // micro sign
    [InlineData("2,198 μs", 2_198_000)]
    [InlineData("1.205 ms", 1_205_000)]
    public void Times_are_read_in_nanoseconds_from_their_unit(string field, double nanoseconds)
    {
        var table = BenchmarkTable.Parse(["model,time", $"m,\"{field}\""], "test.csv");

        Assert.Equal(nanoseconds, table.Nanoseconds("m", "time"), 1e-9 * nanoseconds);
    }

    [Fact]
    public void A_time_without_a_unit_is_rejected_naming_the_row_and_column()
    {
        var table = BenchmarkTable.Parse(["model,time", "scalar,13.81"], "test.csv");

        var error = Assert.Throws<FormatException>(() => table.Nanoseconds("scalar", "time"));

        Assert.Contains("row 'scalar', column 'time'", error.Message);
        Assert.Contains("\"13.81\"", error.Message);
    }

    [Fact]
    public void A_row_with_more_fields_than_the_header_is_rejected_naming_the_file_and_line()
    {
        var error = Assert.Throws<FormatException>(() => BenchmarkTable.Parse(["model,time", "Rosenbrock, n = 10,6.992 ns"], "backpropagation.csv"));

        Assert.Contains("backpropagation.csv, line 2: 3 fields where the header has 2", error.Message);
    }

    [Fact]
    public void An_unclosed_quote_is_rejected_naming_the_file_and_line()
    {
        var error = Assert.Throws<FormatException>(() => BenchmarkTable.Parse(["model,time", "\"Rosenbrock, n = 10,6.992 ns"], "backpropagation.csv"));

        Assert.Contains("backpropagation.csv, line 2: a quoted field is not closed", error.Message);
    }

    [Fact]
    public void An_unknown_column_is_rejected_listing_the_columns()
    {
        var table = BenchmarkTable.Parse(["model,time", "m,1 ns"], "test.csv");

        var error = Assert.Throws<ArgumentException>(() => table.Cell("m", "ratio"));

        Assert.Equal("column", error.ParamName);
        Assert.Contains("no column 'ratio' (columns: model, time)", error.Message);
    }

    // The lines from the heading "## <title>…" to the next "## " heading.
    private static string[] Section(string title)
    {
        var start = Array.FindIndex(Page, line => line.StartsWith("## " + title, StringComparison.Ordinal));
        Assert.True(start >= 0, $"docs/benchmarks.md has no section '## {title}'.");
        var end = Array.FindIndex(Page, start + 1, line => line.StartsWith("## ", StringComparison.Ordinal));
        return Page[start..(end < 0 ? Page.Length : end)];
    }

    private static string Plain(string cell) => cell.Replace("**", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal).Trim();

    // Every number in a cell with its time unit if it has one, thousands separators dropped and µ (micro sign) read as μ.
    private static IEnumerable<string> Figures(string cell) =>
        Figure().Matches(cell.Replace("**", "", StringComparison.Ordinal))
            .Select(m => m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal) + (m.Groups[2].Success ? " " + m.Groups[2].Value.Replace('µ', 'μ') : ""));

    private static bool IsOrderedSubsequence(List<string> part, List<string> whole)
    {
        var next = 0;
        foreach (var figure in whole)
            if (next < part.Count && part[next] == figure) next++;
        return next == part.Count;
    }

    [GeneratedRegex(@"(\d[\d,]*(?:\.\d+)?)(?:\s*(ns|μs|µs|ms))?")]
    private static partial Regex Figure();
}
