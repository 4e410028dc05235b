// An Elman network (8 tanh units) forecasts next year's sunspot number from the previous 20 years (1700–2008,
// samples/data/sunspots.csv from python3-statsmodels; see samples/data/PROVENANCE.md). The model is a LINQ fold:
// per window, Enumerable.Range(0, 20).Aggregate(h₀, step, forecast), and Symbolic differentiates through it
// (SunspotRnn.cs). Trained by L-BFGS on the forecasts of 1720–1949, checked on 1950–2008 against repeating last
// year's number ("persistence"). Prints the errors and draws data and forecasts to ./output/TimeSeries/sunspots.png
// (--output DIR, --docs: docs/). Exit code 1 if the gradient disagrees with finite differences or the held-out
// forecasts are not clearly better than persistence.
// Run from the repository root: dotnet run -c Release --project samples/TimeSeries
using Symbolic;
using Symbolic.Optimization;
using Symbolic.Samples;
using Symbolic.Samples.TimeSeries;
using static Symbolic.Samples.TimeSeries.SunspotRnn;

const int HeldOutFrom = 1950;
const int Iterations = 300;
var output = SampleOutput.FromArguments(args, "TimeSeries");

var (years, numbers) = SunspotData.Read(Path.Combine(AppContext.BaseDirectory, "data", "sunspots.csv"));
var scaled = numbers.Select(n => n / Scale).ToArray();
var split = Array.IndexOf(years, HeldOutFrom);
var train = SunspotData.Windows(scaled, Window, Window, split);
var test = SunspotData.Windows(scaled, Window, split, scaled.Length);
Console.WriteLine($"Sunspot numbers {years[0]}–{years[^1]}: forecasting each year from the previous {Window}; {train.Length} forecasts to train on ({years[Window]}–{HeldOutFrom - 1}), {test.Length} held out ({HeldOutFrom}–{years[^1]}).");

var model = MeanSquaredError.CompileGradient();
var start = Start(seed: 2);
var checkPassed = CheckGradient((p, g) => model(p, train, g), start);

var result = new Lbfgs().Minimize((p, g) => model(p, train, g), start, new StoppingCriteria { MaxIterations = Iterations });
var p = result.Minimizer;
Console.WriteLine($"L-BFGS: {result.Reason} after {result.Iterations} iterations ({result.Evaluations} gradient evaluations); training loss {result.Value:F5}.");

// Root-mean-square errors in sunspot numbers.
double Rmse(double[][] windows) => Math.Sqrt(Loss(p, windows)) * Scale;
static double Persistence(double[][] windows) => Math.Sqrt(windows.Average(w => Math.Pow(w[Window - 1] - w[Window], 2))) * Scale;
var (trainError, testError) = (Rmse(train), Rmse(test));
Console.WriteLine($"RMS error of the forecasts: training {trainError:F1}, held out {testError:F1}; repeating last year's number: {Persistence(train):F1} and {Persistence(test):F1}.");

int[] forecastYears = [.. years[Window..]];
double[] forecasts = [.. train.Concat(test).Select(w => Forecast(p, w) * Scale)];
PlotFile.TrySave(() => ForecastPlot.Create($"Sunspots: one-year-ahead forecasts, held-out RMS error {testError:F1} (persistence {Persistence(test):F1})",
    years, numbers, forecastYears, forecasts, HeldOutFrom), output.PathOf("sunspots.png"), 1000, 500);
return checkPassed && testError < 0.8 * Persistence(test) ? 0 : 1;

// Compares the compiled gradient with central finite differences of the plain-loop loss.
static bool CheckGradient(Func<double[], double[], double> loss, double[] p)
{
    var gradient = new double[p.Length];
    loss(p, gradient);
    var worst = 0.0;
    for (var i = 0; i < p.Length; i++)
    {
        const double h = 1e-5;
        var q = (double[])p.Clone();
        q[i] = p[i] + h;
        var up = loss(q, new double[p.Length]);
        q[i] = p[i] - h;
        var down = loss(q, new double[p.Length]);
        worst = Math.Max(worst, Math.Abs((up - down) / (2 * h) - gradient[i]) / Math.Max(1, Math.Abs(gradient[i])));
    }
    Console.WriteLine($"Gradient check against central differences at the start: largest relative difference {worst:G2} ({(worst < 1e-6 ? "passed" : "FAILED")}).");
    return worst < 1e-6;
}
