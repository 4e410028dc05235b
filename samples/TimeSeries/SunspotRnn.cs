using System.Linq.Expressions;

namespace Symbolic.Samples.TimeSeries;

/// <summary>
/// An Elman network that reads the last <see cref="Window"/> years of sunspot numbers (scaled by 1/100) one by one,
/// h_t = tanh(W·h_{t−1} + u·y_t + b) from h_0 = 0, and forecasts the next year as c + v·h. The LINQ model is a fold
/// (<c>Aggregate</c>) per window, with the forecast as its result selector; the same network as plain loops
/// evaluates the forecasts for the plot and the errors.
/// </summary>
internal static class SunspotRnn
{
    /// <summary>Years read before each forecast.</summary>
    public const int Window = 20;

    /// <summary>State width.</summary>
    public const int Hidden = 8;

    /// <summary>Offsets in the packed parameters: W (H × H, row-major), u, b, v, then c.</summary>
    public const int W = 0, U = Hidden * Hidden, B = U + Hidden, V = B + Hidden, C = V + Hidden;

    /// <summary>The length of the parameter vector: 89.</summary>
    public const int Parameters = C + 1;

    /// <summary>The numbers are divided by this before the network sees them.</summary>
    public const double Scale = 100;

    /// <summary>
    /// The mean squared error of the one-year-ahead forecasts over the windows (each holds <see cref="Window"/> scaled
    /// numbers, then the number to forecast).
    /// </summary>
    public static readonly Expression<Func<double[], double[][], double>> MeanSquaredError = (p, windows) =>
        windows.Average(w => Functions.Sqr(
            Enumerable.Range(0, Window).Aggregate(
                new double[Hidden],
                (h, t) => Enumerable.Range(0, Hidden).Select(j => Math.Tanh(p[B + j] + p[U + j] * w[t] + Enumerable.Range(0, Hidden).Sum(k => p[W + j * Hidden + k] * h[k]))).ToArray(),
                h => p[C] + Enumerable.Range(0, Hidden).Sum(k => p[V + k] * h[k]))
            - w[Window]));

    /// <summary>The forecast after the window's first <see cref="Window"/> values, by plain loops.</summary>
    public static double Forecast(double[] p, double[] window)
    {
        var h = new double[Hidden];
        var next = new double[Hidden];
        for (var t = 0; t < Window; t++)
        {
            for (var j = 0; j < Hidden; j++)
            {
                var z = p[B + j] + p[U + j] * window[t];
                for (var k = 0; k < Hidden; k++) z += p[W + j * Hidden + k] * h[k];
                next[j] = Math.Tanh(z);
            }
            (h, next) = (next, h);
        }
        var forecast = p[C];
        for (var k = 0; k < Hidden; k++) forecast += p[V + k] * h[k];
        return forecast;
    }

    /// <summary><see cref="MeanSquaredError"/> by plain loops.</summary>
    public static double Loss(double[] p, double[][] windows) => windows.Average(w => Math.Pow(Forecast(p, w) - w[Window], 2));

    /// <summary>Small random parameters from <paramref name="seed"/> (W scaled by 1/√H so the state neither saturates nor dies out).</summary>
    public static double[] Start(int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, Parameters).Select(i => (2 * random.NextDouble() - 1) * (i < U ? 1 / Math.Sqrt(Hidden) : 0.5))];
    }
}
