using System.Globalization;
using System.IO.Compression;

namespace Symbolic.Samples.Digits;

/// <summary>The digits CSV (samples/data/digits.csv.gz): 64 pixel values 0–16 then the label, no header.</summary>
internal static class DigitsData
{
    /// <summary>The images with pixels scaled to [0, 1], and their labels.</summary>
    public static (double[][] Pixels, int[] Labels) Read(string path, int maxRows = int.MaxValue)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var rows = new List<int[]>();
        while (rows.Count < maxRows && reader.ReadLine() is { } line)
            if (line.Length > 0) rows.Add([.. line.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))]);
        return ([.. rows.Select(r => r[..^1].Select(v => v / 16.0).ToArray())], [.. rows.Select(r => r[^1])]);
    }

    /// <summary>The label as a one-hot vector of length 10, as the model's y.</summary>
    public static double[] OneHot(int label)
    {
        var y = new double[DigitsMlp.Classes];
        y[label] = 1;
        return y;
    }
}
