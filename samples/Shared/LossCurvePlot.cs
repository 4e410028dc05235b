using ScottPlot;

namespace Symbolic.Samples;

/// <summary>Loss against iteration (or epoch) for one or more training runs, as a line plot with markers.</summary>
internal static class LossCurvePlot
{
    /// <summary>
    /// The plot of <paramref name="series"/>, each from iteration 0. With <paramref name="logLoss"/> the loss axis
    /// is logarithmic (for losses that fall by orders of magnitude) and values ≤ 0 are left out; otherwise it
    /// starts at 0.
    /// </summary>
    public static Plot Create(string title, string iterationLabel, string lossLabel, IReadOnlyList<LossSeries> series, bool logLoss)
    {
        var plot = new Plot();
        foreach (var curve in series)
        {
            var points = Enumerable.Range(0, curve.Values.Count).Where(i => !logLoss || curve.Values[i] > 0).ToArray();
            double[] xs = [.. points.Select(i => (double)i)];
            double[] ys = [.. points.Select(i => logLoss ? Math.Log10(curve.Values[i]) : curve.Values[i])];
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = curve.Name;
            line.MarkerSize = xs.Length > 60 ? 0 : 4;   // markers only where they can be told apart
            line.LineWidth = 2;
        }
        var last = series.Max(s => s.Values.Count) - 1;
        plot.Axes.SetLimitsX(-0.02 * last, 1.02 * last);
        if (logLoss) PlotFile.UseLogScale(plot.Axes.Left);
        else plot.Axes.SetLimitsY(0, series.Max(s => s.Values.Max()) * 1.05);
        plot.Title(title);
        plot.XLabel(iterationLabel);
        plot.YLabel(lossLabel);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
