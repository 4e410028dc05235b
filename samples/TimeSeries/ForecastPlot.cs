using ScottPlot;

namespace Symbolic.Samples.TimeSeries;

/// <summary>The yearly sunspot numbers as a line, the network's one-year-ahead forecasts over it, and the year the held-out forecasts start.</summary>
internal static class ForecastPlot
{
    /// <summary>The plot of <paramref name="numbers"/> by year, and of <paramref name="forecasts"/> for the years <paramref name="forecastYears"/>.</summary>
    public static Plot Create(string title, int[] years, double[] numbers, int[] forecastYears, double[] forecasts, int heldOutFrom)
    {
        var plot = new Plot();
        var data = plot.Add.Scatter(years.Select(y => (double)y).ToArray(), numbers);
        data.LegendText = "yearly mean sunspot number (data)";
        data.Color = Colors.Black;
        data.MarkerSize = 0;
        data.LineWidth = 1.5f;
        var fit = plot.Add.Scatter(forecastYears.Select(y => (double)y).ToArray(), forecasts);
        fit.LegendText = "forecast from the previous 20 years (Elman network, 8 units)";
        fit.Color = Color.FromHex("#b31b1b");
        fit.MarkerSize = 3;
        fit.LineWidth = 1;
        fit.LinePattern = LinePattern.Dashed;
        var split = plot.Add.VerticalLine(heldOutFrom - 0.5);
        split.LegendText = $"held out from {heldOutFrom}";
        split.Color = Colors.Gray;
        split.LinePattern = LinePattern.Dotted;
        plot.Title(title);
        plot.XLabel("year");
        plot.YLabel("sunspot number");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
