// A 64-32-10 tanh network, written in LINQ over named parameter blocks (DigitsMlp.cs), learns the 8×8 handwritten
// digits (1,797 images; see samples/data/PROVENANCE.md) with minibatch Adam and a cosine learning-rate schedule, on a
// stratified 80/20 split; the held-out loss stops the training early (so the held-out set also picks the epoch
// whose parameters are kept: its accuracy is a slightly optimistic estimate). Prints the loss per epoch and the
// accuracy, saves and reloads the parameters, and draws the loss curves to ./output/Digits/digits-loss.png
// (--output DIR, --docs: docs/). --float32 also trains the network in float and compares accuracy and time.
// Exit code 1 below 95 % held-out accuracy (or, with --float32, a float accuracy more than one point from double's).
// Run from the repository root: dotnet run -c Release --project samples/Digits
using System.Diagnostics;
using Symbolic;
using Symbolic.Optimization;
using Symbolic.Samples.Digits;
using Symbolic.Verification;
using static Symbolic.Samples.Digits.DigitsMlp;

const int MaxEpochs = 40;
const int Patience = 3;
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
Console.WriteLine(Layout);

// Glorot uniform weights, zero biases, from one seeded Random.
var start = Layout.Initialize(seed: 7);

var checkPassed = CheckGradient(model, start, trainX[..20], trainY[..20], trainLabels[..20]);

// Every epoch's report carries the current parameters: the callback evaluates the losses on all rows, keeps the
// parameters of the best held-out loss, and stops the run after Patience epochs without improvement.
List<double> trainLoss = [], testLoss = [];
var (best, bestEpoch) = (start, 0);
var batchesPerEpoch = (train.Length + BatchSize - 1) / BatchSize;
var schedule = LearningRateSchedule.Cosine(MaxEpochs * batchesPerEpoch, minimum: 0.05);
Console.WriteLine($"Training with minibatch Adam (batch {BatchSize}, α = {LearningRate} with a cosine decay to 5 % over {MaxEpochs} epochs), " +
                  $"stopping after {Patience} epochs without a better held-out loss:");
var trainClock = Stopwatch.StartNew();
var stopping = new StoppingCriteria
{
    MaxIterations = MaxEpochs,
    GradientTolerance = 0,
    StopWhen = report =>
    {
        var w = report.Parameters.ToArray();
        trainLoss.Add(Loss(w, trainX, trainLabels));
        testLoss.Add(Loss(w, testX, testLabels));
        if (testLoss[^1] < testLoss[bestEpoch]) (best, bestEpoch) = (w, report.Iteration);
        Console.WriteLine($"  epoch {report.Iteration,4}  training loss {trainLoss[^1]:F4}  held-out loss {testLoss[^1]:F4}  ({trainClock.Elapsed.TotalSeconds:F1} s)");
        return report.Iteration - bestEpoch >= Patience;
    },
};
var trainer = new MinibatchSgd(new Adam(new AdamOptions { LearningRate = LearningRate, Schedule = schedule }), new MinibatchOptions { BatchSize = BatchSize, Seed = 3 });
var result = trainer.Minimize(model, trainX, trainY, start, stopping);
var doubleSeconds = trainClock.Elapsed.TotalSeconds;
Console.WriteLine($"  stopped: {result.Reason} after {result.Iterations} epochs ({result.Evaluations} gradient evaluations) in {trainClock.Elapsed.TotalSeconds:F1} s; " +
                  $"best held-out loss {testLoss[bestEpoch]:F4} at epoch {bestEpoch}, whose parameters are kept.");
Console.WriteLine();

var (trainAccuracy, testAccuracy) = (Accuracy(best, trainX, trainLabels), Accuracy(best, testX, testLabels));
Console.WriteLine($"Accuracy: training {trainAccuracy:P1}, held out {testAccuracy:P1} ({Math.Round(testAccuracy * test.Length)} of {test.Length} images).");

// The parameters with their layout, saved and read back (the format is in docs/training.md).
var saved = Path.Combine(Path.GetTempPath(), "digits-mlp.params");
ParameterFile.Save(saved, Layout, best);
var reloaded = ParameterFile.Load(saved, Layout);
var sameBits = best.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(reloaded.Select(BitConverter.DoubleToInt64Bits));
Console.WriteLine($"Parameters saved to {saved} ({new FileInfo(saved).Length:N0} bytes) and reloaded: {(sameBits ? "identical" : "DIFFERENT")}.");

// --float32: the same network, settings and epochs in float (DigitsMlpSingle.cs, on the float kernels), timed against double.
var floatPassed = !args.Contains("--float32") || SingleTraining.Run(MaxEpochs, Patience, result.Iterations, doubleSeconds, testAccuracy, trainX, trainY, trainLabels, testX, testLabels, schedule);

LossPlot.TrySave([.. args.Where(a => a != "--float32")], trainLoss, testLoss, $"Digits, {Inputs}-{Hidden}-{Classes} tanh MLP, minibatch Adam: held-out accuracy {testAccuracy:P1}");
Console.WriteLine($"Wall time: {clock.Elapsed.TotalSeconds:F1} s.");
return checkPassed && sameBits && floatPassed && testAccuracy >= 0.95 ? 0 : 1;

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
