// A 64-32-10 tanh network, written in LINQ (DigitsMlp.cs), learns the 8×8 handwritten digits (1,797 images;
// see samples/data/PROVENANCE.md) with minibatch Adam, on a stratified 80/20 split; prints the loss per epoch and
// the accuracy, and draws the loss curves to ./output/Digits/digits-loss.png (--output DIR, --docs: docs/). Exit code 1 below 95 % held-out accuracy.
// Run from the repository root: dotnet run -c Release --project samples/Digits
using System.Diagnostics;
using Symbolic;
using Symbolic.Optimization;
using Symbolic.Samples.Digits;
using Symbolic.Verification;
using static Symbolic.Samples.Digits.DigitsMlp;

const int Epochs = 20;
const int BatchSize = 32;
const double LearningRate = 0.01;
var clock = Stopwatch.StartNew();

var (pixels, labels) = DigitsData.Read(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"));
var (train, test) = StratifiedSplit(labels, testFraction: 0.2, seed: 42);
double[][] trainX = [.. train.Select(i => pixels[i])], testX = [.. test.Select(i => pixels[i])];
int[] trainLabels = [.. train.Select(i => labels[i])], testLabels = [.. test.Select(i => labels[i])];
double[][] trainY = [.. trainLabels.Select(DigitsData.OneHot)];
Console.WriteLine($"Digits: {labels.Length} images of 8×8 pixels; {train.Length} for training, {test.Length} held out (stratified, seed 42).");

var compileClock = Stopwatch.StartNew();
var model = CrossEntropy.CompileGradient();
Console.WriteLine($"CompileGradient of the {Inputs}-{Hidden}-{Classes} network ({Parameters:N0} parameters): {compileClock.Elapsed.TotalSeconds:F1} s");

// Glorot-like scales: 1/√64 for the first layer, 1/√32 for the second; biases 0.
var random = new Random(7);
double[] start = [.. Enumerable.Range(0, Parameters).Select(i => i switch
{
    < B1 => Gaussian(random) / Math.Sqrt(Inputs),
    < W2 => 0,
    < B2 => Gaussian(random) / Math.Sqrt(Hidden),
    _ => 0,
})];

var checkPassed = CheckGradient(model, start, trainX[..20], trainY[..20], trainLabels[..20]);

// MinibatchSgd reports no parameters; the wrapper keeps the array it trains (stepped in place), so each
// epoch's report can evaluate the losses on all training and held-out rows at the current parameters.
double[] current = start;
GradientFunc<double[][], double[][]> tracked = (w, xs, ys, g) => { current = w; return model(w, xs, ys, g); };
List<double> trainLoss = [Loss(start, trainX, trainLabels)], testLoss = [Loss(start, testX, testLabels)];
Console.WriteLine($"Training with minibatch Adam (batch {BatchSize}, α = {LearningRate}), {Epochs} epochs:");
Console.WriteLine($"  epoch    0  training loss {trainLoss[0]:F4}  held-out loss {testLoss[0]:F4}");
var trainClock = Stopwatch.StartNew();
var progress = new EpochLosses(p =>
{
    if (p.Iteration == 0) return;
    trainLoss.Add(Loss(current, trainX, trainLabels));
    testLoss.Add(Loss(current, testX, testLabels));
    Console.WriteLine($"  epoch {p.Iteration,4}  training loss {trainLoss[^1]:F4}  held-out loss {testLoss[^1]:F4}  ({trainClock.Elapsed.TotalSeconds:F1} s)");
});
var trainer = new MinibatchSgd(new Adam(new AdamOptions { LearningRate = LearningRate }), new MinibatchOptions { BatchSize = BatchSize, Seed = 3 });
var result = trainer.Minimize(tracked, trainX, trainY, start, new StoppingCriteria { MaxIterations = Epochs, GradientTolerance = 0 }, progress);
Console.WriteLine($"  stopped: {result.Reason} after {result.Iterations} epochs ({result.Evaluations} gradient evaluations) in {trainClock.Elapsed.TotalSeconds:F1} s");
Console.WriteLine();

var (trainAccuracy, testAccuracy) = (Accuracy(result.Minimizer, trainX, trainLabels), Accuracy(result.Minimizer, testX, testLabels));
Console.WriteLine($"Accuracy: training {trainAccuracy:P1}, held out {testAccuracy:P1} ({Math.Round(testAccuracy * test.Length)} of {test.Length} images).");

LossPlot.TrySave(args, trainLoss, testLoss, $"Digits, {Inputs}-{Hidden}-{Classes} tanh MLP, minibatch Adam: held-out accuracy {testAccuracy:P1}");
Console.WriteLine($"Wall time: {clock.Elapsed.TotalSeconds:F1} s.");
return checkPassed && testAccuracy >= 0.95 ? 0 : 1;

// Per digit, a seeded shuffle of its images; the first testFraction of each goes to the held-out set.
static (int[] Train, int[] Test) StratifiedSplit(int[] labels, double testFraction, int seed)
{
    var random = new Random(seed);
    var (train, test) = (new List<int>(), new List<int>());
    foreach (var digit in labels.Distinct().Order())
    {
        var images = Enumerable.Range(0, labels.Length).Where(i => labels[i] == digit).ToArray();
        random.Shuffle(images);
        var held = (int)Math.Round(testFraction * images.Length);
        test.AddRange(images[..held]);
        train.AddRange(images[held..]);
    }
    return ([.. train.Order()], [.. test.Order()]);
}

static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

// The compiled gradient against finite differences of the LINQ model compiled by .NET (GradCheck: random
// directions, as there are more than 256 parameters), on 20 training images; and the plain-loop loss
// used for the curves against the LINQ model's value.
static bool CheckGradient(GradientFunc<double[][], double[][]> model, double[] w, double[][] xs, double[][] ys, int[] labels)
{
    var value = CrossEntropy.Compile();
    var report = GradCheck.Check(p => value(p, xs, ys), (p, g) => model(p, xs, ys, g), [w]);
    var loopsAgree = Math.Abs(Loss(w, xs, labels) - value(w, xs, ys)) <= 1e-12 * Math.Max(1, Math.Abs(value(w, xs, ys)));
    Console.WriteLine($"Gradient check (GradCheck, {report.Comparisons} directions, 20 images): {(report.Passed ? "PASS" : "FAIL")}; " +
                      $"plain-loop loss equals the LINQ model's: {(loopsAgree ? "yes" : "NO")}");
    if (!report.Passed) Console.WriteLine(report);
    return report.Passed && loopsAgree;
}

/// <summary>Forwards every progress report, synchronously, to a callback.</summary>
internal sealed class EpochLosses(Action<OptimizationProgress> report) : IProgress<OptimizationProgress>
{
    public void Report(OptimizationProgress value) => report(value);
}
