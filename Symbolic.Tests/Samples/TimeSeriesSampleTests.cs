using Symbolic.Samples.TimeSeries;
using static Symbolic.Samples.TimeSeries.SunspotRnn;

namespace Symbolic.Tests.Samples;

/// <summary>
/// The time-series sample's Elman network (samples/TimeSeries/SunspotRnn.cs, compiled in) on the first 60 sunspot
/// windows: the LINQ fold, run by .NET, and the plain loops the sample plots with are the same function.
/// </summary>
public class TimeSeriesSampleTests
{
    private static readonly double[][] Windows = Load();

    private static double[][] Load()
    {
        var (years, numbers) = SunspotData.Read(Path.Combine(AppContext.BaseDirectory, "data", "sunspots.csv"));
        Assert.Equal((1700, 2008, 309), (years[0], years[^1], years.Length));
        return SunspotData.Windows([.. numbers.Select(n => n / Scale)], Window, Window, Window + 60);
    }

    [Fact]
    public void The_LINQ_fold_and_the_plain_loops_give_the_same_loss()
    {
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var p = Start(seed);
            Assert.Equal(Loss(p, Windows), MeanSquaredError.Compile()(p, Windows), 1e-14);
        }
    }

    [Fact]
    public void Each_window_holds_the_previous_years_then_the_year_to_forecast()
    {
        var (_, numbers) = SunspotData.Read(Path.Combine(AppContext.BaseDirectory, "data", "sunspots.csv"));

        // The first window: 1700–1719, then 1720's number to forecast.
        Assert.Equal(Window + 1, Windows[0].Length);
        Assert.Equal(numbers[0] / Scale, Windows[0][0]);
        Assert.Equal(numbers[Window] / Scale, Windows[0][Window]);
        Assert.Equal(numbers[Window + 59] / Scale, Windows[59][Window]);
    }
    [Fact]
    public void The_folds_gradient_matches_finite_differences_of_the_plain_loops_in_all_89_components()
    {
        var p = Start(seed: 2);
        var gradient = new double[Parameters];
        var value = MeanSquaredError.CompileGradient()(p, Windows, gradient);
        Assert.Equal(Loss(p, Windows), value, 1e-12);
        for (var i = 0; i < Parameters; i++)
        {
            var q = (double[])p.Clone();
            var estimate = Symbolic.Tests.Oracles.FiniteDifference.Derivative(t => { q[i] = t; return Loss(q, Windows); }, p[i]);
            Assert.True(Math.Abs(estimate.Derivative - gradient[i]) <= 1e-9 + 1e-6 * Math.Abs(gradient[i]),
                $"∂/∂p[{i}]: CompileGradient {gradient[i]:R}, finite differences {estimate.Derivative:R}");
        }
    }
}
