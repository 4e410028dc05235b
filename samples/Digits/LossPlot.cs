using ScottPlot;

namespace Symbolic.Samples.Digits;

/// <summary>Draws the training and held-out loss per epoch as a PNG, with ScottPlot.</summary>
internal static class LossPlot
{
    /// <summary>Writes the plot; returns false, after printing why, if plotting fails (e.g. no native SkiaSharp).</summary>
    public static bool TrySave(string path, IReadOnlyList<double> trainLoss, IReadOnlyList<double> testLoss, string title)
    {
        try
        {
            var plot = new Plot();
            double[] epochs = [.. Enumerable.Range(0, trainLoss.Count).Select(e => (double)e)];
            var train = plot.Add.Scatter(epochs, trainLoss.ToArray());
            train.LegendText = "training (80 %)";
            var test = plot.Add.Scatter(epochs, testLoss.ToArray());
            test.LegendText = "held out (20 %)";
            plot.Axes.SetLimitsX(-0.5, epochs[^1] + 0.5);
            plot.Axes.SetLimitsY(0, Math.Max(trainLoss.Max(), testLoss.Max()) * 1.05);
            plot.Title(title);
            plot.XLabel("epoch");
            plot.YLabel("mean cross-entropy");
            plot.ShowLegend(Alignment.UpperRight);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            plot.SavePng(path, 800, 500);
            return true;
        }
        catch (Exception e)   // a missing native library, an unwritable folder: the training results still stand
        {
            Console.WriteLine($"WARNING: could not write the loss plot {path}: {e.GetType().Name}: {e.Message}");
            return false;
        }
    }
}
