using ScottPlot;

namespace Symbolic.Tools.BenchmarkPlots;

/// <summary>Time per call against n on log-log axes: Symbolic's lines solid, hand-written and .NET's dashed.</summary>
internal static class ScalingChart
{
    /// <summary>The chart of <paramref name="series"/>, Rosenbrock's gradient against n unless titled otherwise.</summary>
    public static Plot Create(IReadOnlyList<TimeSeries> series,
        string title = "Rosenbrock's gradient: time per call against n (docs/benchmarks.md)", string xLabel = "n, the number of variables (log scale)")
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        foreach (var line in series)
        {
            var scatter = plot.Add.Scatter(line.Points.Select(p => Math.Log10(p.N)).ToArray(), line.Points.Select(p => Math.Log10(p.Nanoseconds)).ToArray(), palette.GetColor(line.Hue));
            scatter.LegendText = line.Name;
            scatter.LineWidth = 2;
            scatter.MarkerSize = 8;
            scatter.LinePattern = line.IsSymbolic ? LinePattern.Solid : LinePattern.Dashed;
            scatter.MarkerShape = line.IsSymbolic ? MarkerShape.FilledCircle : MarkerShape.OpenCircle;
        }
        var ns = series.SelectMany(s => s.Points).Select(p => Math.Log10(p.Nanoseconds)).ToArray();
        var n = series.SelectMany(s => s.Points).Select(p => Math.Log10(p.N)).ToArray();
        plot.Axes.Bottom.TickGenerator = PowersOfTen(n.Min(), n.Max(), power => $"{Math.Pow(10, power):#,0}");
        plot.Axes.Left.TickGenerator = PowersOfTen(ns.Min(), ns.Max(), FormatTime);
        plot.Axes.SetLimits(Math.Floor(n.Min()) - 0.2, Math.Ceiling(n.Max()) + 0.2, Math.Floor(ns.Min()) - 0.1, Math.Ceiling(ns.Max()) + 0.1);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel("time per call (log scale)");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    // Major ticks at the powers of ten, labelled; minor ticks at 2..9 times each.
    private static ScottPlot.TickGenerators.NumericManual PowersOfTen(double low, double high, Func<int, string> label)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var power = (int)Math.Floor(low); power <= (int)Math.Ceiling(high); power++)
        {
            ticks.AddMajor(power, label(power));
            for (var k = 2; k < 10; k++) ticks.AddMinor(power + Math.Log10(k));
        }
        return ticks;
    }

    private static string FormatTime(int power) => power switch
    {
        < 3 => $"{Math.Pow(10, power):0} ns",
        < 6 => $"{Math.Pow(10, power - 3):0} μs",
        _ => $"{Math.Pow(10, power - 6):0} ms",
    };
}
