using ScottPlot;

namespace Symbolic.Samples.Mlp;

/// <summary>
/// The network's probability of class 1 over a rectangle of the plane as a heat map, its 0.5 level (the
/// decision boundary) as a line, and the training points coloured by their class.
/// </summary>
internal static class DecisionBoundaryPlot
{
    /// <summary>The plot of <paramref name="probability"/> on [<paramref name="left"/>, <paramref name="right"/>] ×
    /// [<paramref name="bottom"/>, <paramref name="top"/>], sampled on a grid of <paramref name="cells"/> × <paramref name="cells"/>.</summary>
    public static Plot Create(string title, Func<double, double, double> probability, double[][] points, double[] labels,
        (double Left, double Right, double Bottom, double Top) area, int cells = 200)
    {
        var (left, right, bottom, top) = area;
        double X(int column) => left + (right - left) * (column + 0.5) / cells;
        double Y(int row) => top - (top - bottom) * (row + 0.5) / cells;   // row 0 is drawn at the top

        var intensities = new double[cells, cells];
        var coordinates = new Coordinates3d[cells, cells];
        for (var row = 0; row < cells; row++)
            for (var column = 0; column < cells; column++)
            {
                intensities[row, column] = probability(X(column), Y(row));
                coordinates[row, column] = new(X(column), Y(row), intensities[row, column]);
            }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Position = new CoordinateRect(left, right, bottom, top);
        // Light colours from class 0's blue through white to class 1's red, so that the points stay visible.
        heatmap.Colormap = new ScottPlot.Colormaps.CustomInterpolated([Color.FromHex("#8fb3e0"), Colors.White, Color.FromHex("#e89a9a")]);
        heatmap.ManualRange = new(0, 1);
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = "probability of class 1";
        colorBar.Axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual([0, 0.25, 0.5, 0.75, 1], ["0", "0.25", "0.5", "0.75", "1"]);

        var boundary = plot.Add.ContourLines(coordinates, 1);
        boundary.ContourLineLevels = [0.5];
        boundary.Update(coordinates);
        boundary.LineColor = Colors.Black;
        boundary.LineWidth = 2;
        boundary.LabelStyle.IsVisible = false;
        // Contour lines have no legend text of their own; the legend is written out whole instead.
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "decision boundary (probability 0.5)", LineColor = Colors.Black, LineWidth = 2 });

        foreach (var (label, color, name) in new[] { (0.0, Color.FromHex("#1f4e9c"), "class 0 (upper moon)"), (1.0, Color.FromHex("#b31b1b"), "class 1 (lower moon)") })
        {
            var members = points.Where((_, i) => labels[i] == label).ToArray();
            var markers = plot.Add.Markers(members.Select(p => p[0]).ToArray(), members.Select(p => p[1]).ToArray(),
                label == 0 ? MarkerShape.FilledCircle : MarkerShape.FilledSquare, 6, color);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = name, MarkerShape = markers.MarkerShape, MarkerColor = color, MarkerSize = 6 });
        }

        plot.Axes.SetLimits(left, right, bottom, top);
        plot.Title(title);
        plot.XLabel("x₀");
        plot.YLabel("x₁");
        plot.ShowLegend(Alignment.LowerLeft);
        return plot;
    }
}
