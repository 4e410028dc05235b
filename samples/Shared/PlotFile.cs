using ScottPlot;
using ScottPlot.TickGenerators;

namespace Symbolic.Samples;

/// <summary>Writes ScottPlot plots as PNG files, and the logarithmic axes the loss curves use.</summary>
internal static class PlotFile
{
    /// <summary>Draws the plot and writes it to <paramref name="path"/>, creating its folder, and says so; returns
    /// false, after printing why, if that fails (a missing native SkiaSharp library, an unwritable folder):
    /// a sample's results stand without their pictures.</summary>
    public static bool TrySave(Func<Plot> draw, string path, int width = 800, int height = 500)
    {
        try
        {
            var plot = draw();
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            plot.SavePng(path, width, height);
            Console.WriteLine($"Picture written to {path}.");
            return true;
        }
        catch (Exception e)
        {
            Console.WriteLine($"WARNING: could not write the picture {path}: {e.GetType().Name}: {e.Message}");
            return false;
        }
    }

    /// <summary>
    /// Labels <paramref name="axis"/> as a base-10 logarithmic one: ScottPlot has no log scale, so the data
    /// drawn on it must be log10 of the values; ticks sit at the powers of ten (minor ticks between them)
    /// and show the values themselves.
    /// </summary>
    public static void UseLogScale(IAxis axis) =>
        axis.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = exponent => FormatPowerOfTen(exponent),
        };

    /// <summary>log10 of every value, for an axis set up by <see cref="UseLogScale"/>.</summary>
    public static double[] Log10(IEnumerable<double> values) => [.. values.Select(Math.Log10)];

    // 0.001 to 100,000 written out, smaller and larger powers as 1e-4, 1e6.
    private static string FormatPowerOfTen(double exponent)
    {
        var power = (int)Math.Round(exponent);
        return power is >= -3 and <= 5 ? Math.Pow(10, power).ToString("#,0.###", System.Globalization.CultureInfo.InvariantCulture) : $"1e{power}";
    }
}
