// A 2-16-1 tanh network, written in LINQ, learns the "two moons": two interleaving half circles that
// no straight line separates. Trained with minibatch Adam; prints the loss curve and the boundary, and
// draws them to ./output/Mlp/mlp-loss.png and mlp-decision-boundary.png (--output DIR for another
// folder, --docs for the repository's docs/). Run from the repository root: dotnet run --project samples/Mlp
using System.Linq.Expressions;
using Symbolic;
using Symbolic.Optimization;
using Symbolic.Samples;
using Symbolic.Samples.Mlp;

const int Hidden = 16;
const int Parameters = 4 * Hidden + 1;   // w: input weights (2 per unit) | biases | output weights | output bias
const int Epochs = 300;
var output = SampleOutput.FromArguments(args, "Mlp");

var (trainX, trainY) = TwoMoons(300, noise: 0.15, seed: 1);
var (testX, testY) = TwoMoons(1000, noise: 0.15, seed: 2);

// The logit z = Σⱼ vⱼ·tanh(aⱼ·x₀ + bⱼ·x₁ + cⱼ) + d, and the mean cross-entropy log(1 + eᶻ) − y·z written
// stably (see samples/LogisticRegression). Layout: w[2j], w[2j+1] input weights of unit j,
// w[32 + j] its bias, w[48 + j] its output weight, w[64] the output bias.
Expression<Func<double[], double[][], double[], double>> crossEntropy = (w, xs, ys) =>
    xs.Select(x => Enumerable.Range(0, Hidden).Sum(j => w[3 * Hidden + j] * Math.Tanh(w[2 * j] * x[0] + w[2 * j + 1] * x[1] + w[2 * Hidden + j])) + w[4 * Hidden])
      .Zip(ys, (z, y) => (z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))) - y * z)
      .Average();
var model = crossEntropy.CompileGradient();

// Small random weights with a fixed seed (Glorot-like scale: inputs 1/√2, outputs 1/√16).
var random = new Random(7);
double[] start = [.. Enumerable.Range(0, Parameters).Select(i => i switch
{
    < 2 * Hidden => Gaussian(random) / Math.Sqrt(2),
    < 3 * Hidden => 0,
    < 4 * Hidden => Gaussian(random) / Math.Sqrt(Hidden),
    _ => 0,
})];

var checkPassed = CheckGradient((w, g) => model(w, trainX, trainY, g), start);

Console.WriteLine($"Training a {2}-{Hidden}-1 tanh network ({Parameters} parameters) on {trainX.Length} points, minibatch Adam (batch 32, α = 0.01):");
// MinibatchSgd steps the parameter array in place and passes it to every gradient call: the wrapper keeps
// it, so each epoch's report can also evaluate the loss on the test points.
double[] current = start;
GradientFunc<double[][], double[]> tracked = (w, xs, ys, g) => { current = w; return model(w, xs, ys, g); };
var curve = new LossCurve(every: 20);
List<double> testLoss = [];
var progress = new LossRecorder(p => { curve.Report(p); testLoss.Add(Loss(p.Iteration == 0 ? start : current, testX, testY)); });
var trainer = new MinibatchSgd(new Adam(new AdamOptions { LearningRate = 0.01 }), new MinibatchOptions { BatchSize = 32, Seed = 3 });
var result = trainer.Minimize(tracked, trainX, trainY, start, new StoppingCriteria { MaxIterations = Epochs }, progress);
Console.WriteLine($"  stopped: {result.Reason} after {result.Iterations} epochs ({result.Evaluations} gradient evaluations); final training loss {result.Value:F4}");
Console.WriteLine();

var (trainAccuracy, testAccuracy) = (Accuracy(result.Minimizer, trainX, trainY), Accuracy(result.Minimizer, testX, testY));
DrawBoundary(result.Minimizer, trainX, trainY);
Console.WriteLine($"Accuracy: training {trainAccuracy:P1}, test {testAccuracy:P1} ({testX.Length} fresh points).");

// For comparison, the best straight line: logistic regression on the same points, by L-BFGS.
Expression<Func<double[], double[][], double[], double>> linear = (w, xs, ys) =>
    xs.Select(x => w[0] * x[0] + w[1] * x[1] + w[2])
      .Zip(ys, (z, y) => (z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))) - y * z)
      .Average();
var linearModel = linear.CompileGradient();
var line = new Lbfgs().Minimize((w, g) => linearModel(w, trainX, trainY, g), new double[3]).Minimizer;
var lineAccuracy = testX.Zip(testY).Count(p => (line[0] * p.First[0] + line[1] * p.First[1] + line[2] > 0 ? 1 : 0) == p.Second) / (double)testY.Length;
Console.WriteLine($"A straight line (logistic regression, L-BFGS) reaches {lineAccuracy:P1} on the same test points.");
Console.WriteLine();

PlotFile.TrySave(() => LossCurvePlot.Create($"Two moons, 2-{Hidden}-1 tanh network, minibatch Adam: mean cross-entropy", "epoch", "mean cross-entropy",
    [new($"training, {trainX.Length} points (mean over the epoch's batches)", progress.Losses), new($"test, {testX.Length} fresh points (at the epoch's end)", testLoss)], logLoss: false), output.PathOf("mlp-loss.png"));
PlotFile.TrySave(() => DecisionBoundaryPlot.Create($"Two moons: the trained network's decision regions (test accuracy {testAccuracy:P1})",
    (x0, x1) => 1 / (1 + Math.Exp(-Logit(result.Minimizer, [x0, x1]))), trainX, trainY, (-1.5, 2.5, -1, 1.5)), output.PathOf("mlp-decision-boundary.png"), 900, 600);
return checkPassed && testAccuracy >= 0.95 ? 0 : 1;

// sklearn's make_moons: an upper half circle, and a lower one shifted right and down; Gaussian noise.
static (double[][] X, double[] Y) TwoMoons(int count, double noise, int seed)
{
    var random = new Random(seed);
    var points = Enumerable.Range(0, count).Select(i =>
    {
        var label = i % 2;
        var t = Math.PI * random.NextDouble();
        double[] x = label == 0 ? [Math.Cos(t), Math.Sin(t)] : [1 - Math.Cos(t), 0.5 - Math.Sin(t)];
        return (X: new[] { x[0] + noise * Gaussian(random), x[1] + noise * Gaussian(random) }, Y: (double)label);
    }).ToList();
    return ([.. points.Select(p => p.X)], [.. points.Select(p => p.Y)]);
}

static double Logit(double[] w, double[] x) =>
    Enumerable.Range(0, Hidden).Sum(j => w[3 * Hidden + j] * Math.Tanh(w[2 * j] * x[0] + w[2 * j + 1] * x[1] + w[2 * Hidden + j])) + w[4 * Hidden];

// The mean cross-entropy in the same stable form as the LINQ model, for the test curve.
static double Loss(double[] w, double[][] xs, double[] ys) =>
    xs.Zip(ys, (x, y) => (Logit(w, x), y)).Average(p => (p.Item1 > 0 ? p.Item1 + Math.Log(1 + Math.Exp(-p.Item1)) : Math.Log(1 + Math.Exp(p.Item1))) - p.y * p.Item1);

static double Accuracy(double[] w, double[][] xs, double[] ys) => xs.Zip(ys).Count(p => (Logit(w, p.First) > 0 ? 1 : 0) == p.Second) / (double)ys.Length;

// The plane [-1.5, 2.5] × [-1, 1.5] as characters: the predicted class as '·' (0) or ' ' (1), the training points as 'o' (0) and 'x' (1).
static void DrawBoundary(double[] w, double[][] xs, double[] ys)
{
    const int Width = 72, Height = 22;
    var grid = new char[Height, Width];
    for (var r = 0; r < Height; r++)
        for (var c = 0; c < Width; c++)
            grid[r, c] = Logit(w, [-1.5 + 4.0 * c / (Width - 1), 1.5 - 2.5 * r / (Height - 1)]) > 0 ? ' ' : '·';
    foreach (var (x, y) in xs.Zip(ys))
    {
        var (c, r) = ((int)Math.Round((x[0] + 1.5) / 4.0 * (Width - 1)), (int)Math.Round((1.5 - x[1]) / 2.5 * (Height - 1)));
        if (r is >= 0 and < Height && c is >= 0 and < Width) grid[r, c] = y == 0 ? 'o' : 'x';
    }
    Console.WriteLine("Decision regions (· class 0, blank class 1) and training points (o class 0, x class 1):");
    for (var r = 0; r < Height; r++)
        Console.WriteLine("  |" + string.Concat(Enumerable.Range(0, Width).Select(c => grid[r, c])) + "|");
    Console.WriteLine();
}

static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

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

/// <summary>Prints the loss curve as text: one bar per reported epoch, its length proportional to the loss.</summary>
internal sealed class LossCurve(int every) : IProgress<OptimizationProgress>
{
    private double _first = double.NaN;

    public void Report(OptimizationProgress p)
    {
        if (double.IsNaN(_first)) _first = p.Value;
        if (p.Iteration % every != 0) return;
        var bar = new string('#', (int)Math.Round(50 * p.Value / _first));
        Console.WriteLine($"  epoch {p.Iteration,4}  loss {p.Value:F4}  {bar}");
    }
}
