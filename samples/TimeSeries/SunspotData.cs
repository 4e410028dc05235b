using System.Globalization;

namespace Symbolic.Samples.TimeSeries;

/// <summary>The yearly sunspot numbers 1700–2008 (samples/data/sunspots.csv, from python3-statsmodels; see PROVENANCE.md).</summary>
internal static class SunspotData
{
    /// <summary>The years and their mean sunspot numbers, in order.</summary>
    public static (int[] Years, double[] Numbers) Read(string path)
    {
        var rows = File.ReadLines(path).Skip(1).Where(line => line.Length > 0).Select(line => line.Split(',')).ToList();
        return ([.. rows.Select(r => int.Parse(r[0], CultureInfo.InvariantCulture))], [.. rows.Select(r => double.Parse(r[1], CultureInfo.InvariantCulture))]);
    }

    /// <summary>
    /// The windows of <paramref name="length"/> consecutive values followed by the value to forecast, one per target
    /// index in [<paramref name="firstTarget"/>, <paramref name="endTarget"/>).
    /// </summary>
    public static double[][] Windows(double[] series, int length, int firstTarget, int endTarget) =>
        [.. Enumerable.Range(firstTarget, endTarget - firstTarget).Select(t => series[(t - length)..(t + 1)])];
}
