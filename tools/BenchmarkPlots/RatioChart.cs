using ScottPlot;

namespace Symbolic.Tools.BenchmarkPlots;

/// <summary>
/// Horizontal bars of Symbolic's time over hand-written code's, one per model, coloured by group, on a
/// logarithmic axis around the 1.0 line: a bar to the left is faster than the hand-written code, to the
/// right slower, and 2x slower is as long as 2x faster.
/// </summary>
internal static class RatioChart
{
    private static readonly double[] Ticks = [0.125, 0.25, 0.5, 1, 2, 4];

    /// <summary>The chart of <paramref name="entries"/>, top to bottom in their order.</summary>
    public static Plot Create(IReadOnlyList<RatioEntry> entries)
    {
        var plot = new Plot();
        var groups = entries.Select(e => e.Group).Distinct().ToArray();
        var palette = new ScottPlot.Palettes.Category10();
        var tickPositions = new List<double>();
        var tickLabels = new List<string>();
        var position = 0.0;
        foreach (var (group, index) in groups.Select((g, i) => (g, i)))
        {
            var color = palette.GetColor(index);
            foreach (var entry in entries.Where(e => e.Group == group))
            {
                var bar = new Bar
                {
                    Position = position,
                    ValueBase = 0,
                    Value = Math.Log10(entry.Ratio),
                    FillColor = color,
                    LineWidth = 0,
                    Orientation = Orientation.Horizontal,
                    Label = $"{entry.Ratio:0.00}",
                    Size = 0.8,
                };
                plot.Add.Bar(bar);
                tickPositions.Add(position);
                tickLabels.Add(entry.Label);
                position -= 1;
            }
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = group, FillColor = color });
            position -= 0.6;   // a gap between groups
        }

        plot.Add.VerticalLine(0, 2, Colors.Black, LinePattern.Dashed);

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. tickPositions], [.. tickLabels]);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(Ticks.Select(Math.Log10).ToArray(), Ticks.Select(t => $"{t:0.###}x").ToArray());
        var (smallest, largest) = (entries.Min(e => e.Ratio), entries.Max(e => e.Ratio));
        plot.Axes.SetLimits(Math.Log10(Math.Min(smallest, 1) / 1.6), Math.Log10(Math.Max(largest, 1) * 1.6), position + 0.2, 0.8);
        plot.Title("Symbolic's time ÷ hand-written code's, per model (docs/benchmarks.md)");
        plot.XLabel("ratio, log scale (left of 1x: Symbolic faster; * ratio of two means)");
        plot.ShowLegend(Edge.Bottom);
        plot.Grid.YAxisStyle.IsVisible = false;
        return plot;
    }
}
