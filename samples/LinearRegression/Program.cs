// Linear regression: fit y = w·x + b to generated data by minimising the mean squared error,
// a model written in LINQ. Draws the loss curves to ./output/LinearRegression/linear-regression-loss.png
// (--output DIR for another folder, --docs for the repository's docs/).
// Run from the repository root: dotnet run --project samples/LinearRegression
using System.Linq.Expressions;
using Symbolic;
using Symbolic.Optimization;
using Symbolic.Samples;

const int Rows = 2_000, Features = 3;
double[] trueWeights = [3.0, -2.0, 0.5];
const double TrueBias = 1.0, Noise = 0.1;
var output = SampleOutput.FromArguments(args, "LinearRegression");

// Data with a fixed seed: x uniform in [-1, 1]³, y = w·x + b + Gaussian noise.
var random = new Random(2024);
double[][] xs = [.. Enumerable.Range(0, Rows).Select(_ => Enumerable.Range(0, Features).Select(_ => 2 * random.NextDouble() - 1).ToArray())];
double[] ys = [.. xs.Select(x => x.Zip(trueWeights, (xi, wi) => xi * wi).Sum() + TrueBias + Noise * Gaussian(random))];

// The loss, in LINQ: w[0..2] are the weights, w[3] the bias. Symbolic lowers the Zip, the inner Sum and
// the Average to loops, and CompileGradient returns value and gradient in one pass over the data.
Expression<Func<double[], double[][], double[], double>> meanSquaredError =
    (w, xs, ys) => xs.Zip(ys, (x, y) => Math.Pow(Enumerable.Range(0, 3).Sum(j => w[j] * x[j]) + w[3] - y, 2)).Average();
var model = meanSquaredError.CompileGradient();
double Loss(double[] w, double[] gradient) => model(w, xs, ys, gradient);

var checkPassed = CheckGradient(Loss, [0.3, -0.1, 0.7, 0.2]);

// 1. L-BFGS, full batch, with progress reports.
Console.WriteLine("L-BFGS on the mean squared error:");
var lbfgsLosses = new LossRecorder(p => Console.WriteLine($"  iteration {p.Iteration,3}: MSE {p.Value,12:F8}  |gradient| {p.GradientNorm:0.00e0}  step {p.Step:0.00e0}"));
var lbfgs = new Lbfgs().Minimize(Loss, new double[Features + 1], new StoppingCriteria { GradientTolerance = 1e-10 }, lbfgsLosses);
Console.WriteLine($"  stopped: {lbfgs.Reason} after {lbfgs.Iterations} iterations, {lbfgs.Evaluations} gradient evaluations, MSE {lbfgs.Value:F6}");
PrintCoefficients(lbfgs.Minimizer);

// 2. Minibatch stochastic gradient descent with Adam: batches of 32 rows, shuffled with a fixed seed.
Console.WriteLine("Minibatch Adam (batch 32, 30 epochs):");
var trainer = new MinibatchSgd(new Adam(new AdamOptions { LearningRate = 0.02 }), new MinibatchOptions { BatchSize = 32, Seed = 1 });
var adamLosses = new LossRecorder();
var sgd = trainer.Minimize(model, xs, ys, new double[Features + 1], new StoppingCriteria { MaxIterations = 30 }, adamLosses);
Console.WriteLine($"  stopped: {sgd.Reason} after {sgd.Iterations} epochs, MSE {sgd.Value:F6}");
PrintCoefficients(sgd.Minimizer);

// 3. The same L-BFGS fit on a parallel batch gradient: the rows are split over the cores, the chunks'
//    gradients combined in a fixed order. Sum of squares per chunk, averaged over all rows (Mean).
using var batch = Calculus.CompileBatchGradient<double[], double>(
    (w, xs, ys) => xs.Zip(ys, (x, y) => Math.Pow(Enumerable.Range(0, 3).Sum(j => w[j] * x[j]) + w[3] - y, 2)).Average(),
    xs, ys, new BatchGradientOptions { Reduction = BatchReduction.Mean });
var parallel = new Lbfgs().Minimize(batch.Evaluate, new double[Features + 1], new StoppingCriteria { GradientTolerance = 1e-10 });
var difference = parallel.Minimizer.Zip(lbfgs.Minimizer, (a, b) => Math.Abs(a - b)).Max();
Console.WriteLine($"Parallel batch gradient ({batch.ChunkCount} chunks on {batch.ThreadCount} threads): {parallel.Iterations} iterations, " +
                  $"largest difference from the serial fit {difference:0.0e0}");


// The loss curves. The noise (σ = 0.1) puts the best possible MSE near 0.01, so the loss axis is logarithmic.
PlotFile.TrySave(() =>
{
    var plot = LossCurvePlot.Create($"Linear regression, {Rows:N0} rows, {Features} features: mean squared error",
        "iteration (L-BFGS) or epoch (Adam: one pass in batches of 32)", "mean squared error (log scale)",
        [new("L-BFGS, full batch", lbfgsLosses.Losses), new("minibatch Adam (mean over the epoch's batches)", adamLosses.Losses)], logLoss: true);
    var floor = plot.Add.HorizontalLine(Math.Log10(Noise * Noise), 1, ScottPlot.Colors.Gray, ScottPlot.LinePattern.Dashed);
    floor.LegendText = $"noise variance σ² = {Noise * Noise:0.##}";
    return plot;
}, output.PathOf("linear-regression-loss.png"));

return checkPassed && lbfgs.Converged && difference < 1e-8 ? 0 : 1;

void PrintCoefficients(double[] w)
{
    Console.WriteLine("  coefficient   fitted    true");
    for (var j = 0; j < Features; j++) Console.WriteLine($"  w[{j}]        {w[j],7:F4} {trueWeights[j],7:F4}");
    Console.WriteLine($"  bias        {w[Features],7:F4} {TrueBias,7:F4}");
    Console.WriteLine();
}

// Compares the compiled gradient with central finite differences.
static bool CheckGradient(Func<double[], double[], double> loss, double[] w)
{
    var gradient = new double[w.Length];
    loss(w, gradient);
    var error = 0.0;
    for (var j = 0; j < w.Length; j++)
    {
        double[] up = [.. w], down = [.. w];
        (up[j], down[j]) = (w[j] + 1e-6, w[j] - 1e-6);
        var difference = (loss(up, new double[w.Length]) - loss(down, new double[w.Length])) / 2e-6;
        error = Math.Max(error, Math.Abs(difference - gradient[j]) / Math.Max(1, Math.Abs(difference)));
    }
    var passed = error < 1e-6;
    Console.WriteLine($"Gradient check against finite differences: max error {error:0.0e0} -> {(passed ? "PASS" : "FAIL")}");
    Console.WriteLine();
    return passed;
}

// A standard normal sample (Box–Muller).
static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
