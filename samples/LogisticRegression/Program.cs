// Logistic regression on the Wisconsin Diagnostic Breast Cancer data (569 tumours, 30 features; see
// samples/data/PROVENANCE.md): the negative log-likelihood written in LINQ, minimised by L-BFGS and by
// gradient descent. Draws both loss curves to ./output/LogisticRegression/logistic-regression-loss.png
// (--output DIR for another folder, --docs for the repository's docs/).
// Run from the repository root: dotnet run --project samples/LogisticRegression
using System.Globalization;
using System.Linq.Expressions;
using Symbolic;
using Symbolic.Optimization;
using Symbolic.Samples;

const int Features = 30;
const double Penalty = 1e-3;   // λ of the L2 penalty λ/2·|w|² (the bias is not penalised)
var output = SampleOutput.FromArguments(args, "LogisticRegression");

var (features, labels) = ReadCsv(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv"));

// 80 % / 20 % train/test split, shuffled with a fixed seed.
var order = Enumerable.Range(0, labels.Length).ToArray();
new Random(42).Shuffle(order);
var trainCount = labels.Length * 4 / 5;
var (train, test) = (order[..trainCount], order[trainCount..]);

// Standardise with the training set's means and standard deviations only.
var mean = Enumerable.Range(0, Features).Select(j => train.Average(i => features[i][j])).ToArray();
var sd = Enumerable.Range(0, Features).Select(j => Math.Sqrt(train.Average(i => Math.Pow(features[i][j] - mean[j], 2)))).ToArray();
double[] Standardise(double[] x) => [.. x.Select((v, j) => (v - mean[j]) / sd[j])];
double[][] trainX = [.. train.Select(i => Standardise(features[i]))], testX = [.. test.Select(i => Standardise(features[i]))];
double[] trainY = [.. train.Select(i => labels[i])], testY = [.. test.Select(i => labels[i])];

// The mean negative log-likelihood. With z = w·x + b and y ∈ {0, 1}, −log p(y | x) = log(1 + eᶻ) − y·z;
// log(1 + eᶻ) is written as z + log(1 + e⁻ᶻ) for z > 0 so that eᶻ never overflows (a conditional:
// Symbolic differentiates the branch taken, and both branches are smooth, so the gradient is exact
// everywhere, also at z = 0 where a Max/Abs formulation would hit its kink convention).
Expression<Func<double[], double[][], double[], double>> negativeLogLikelihood = (w, xs, ys) =>
    xs.Select(x => Enumerable.Range(0, Features).Sum(j => w[j] * x[j]) + w[Features])
      .Zip(ys, (z, y) => (z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))) - y * z)
      .Average()
    + Penalty / 2 * Enumerable.Range(0, Features).Sum(j => w[j] * w[j]);
var model = negativeLogLikelihood.CompileGradient();
double Loss(double[] w, double[] gradient) => model(w, trainX, trainY, gradient);

var checkPassed = CheckGradient(Loss, [.. Enumerable.Range(0, Features + 1).Select(j => 0.05 * Math.Sin(j))]);

Console.WriteLine($"Breast cancer: {labels.Length} tumours ({labels.Count(y => y == 0)} malignant, {labels.Count(y => y == 1)} benign), " +
                  $"{Features} features; {trainX.Length} for training, {testX.Length} for testing.");
Console.WriteLine();

var lbfgsLosses = new LossRecorder();
var lbfgs = new Lbfgs().Minimize(Loss, new double[Features + 1], new StoppingCriteria { GradientTolerance = 1e-8 }, lbfgsLosses);
Report("L-BFGS", lbfgs);

var descentLosses = new LossRecorder();
var descent = new GradientDescent().Minimize(Loss, new double[Features + 1], new StoppingCriteria { GradientTolerance = 1e-8, MaxIterations = 5000 }, descentLosses);
Report("Gradient descent (backtracking)", descent);

var accuracy = Accuracy(lbfgs.Minimizer, testX, testY);
Console.WriteLine("The literature reports about 95-98 % test accuracy for logistic regression on these data.");
DrawLossCurves(output.PathOf("logistic-regression-loss.png"), lbfgsLosses.Losses, descentLosses.Losses);
return checkPassed && lbfgs.Converged && accuracy >= 0.95 ? 0 : 1;

void Report(string name, OptimizationResult result)
{
    Console.WriteLine($"{name}: {result.Reason} after {result.Iterations} iterations ({result.Evaluations} gradient evaluations)");
    Console.WriteLine($"  training loss {result.Value:F6}, |gradient| {result.GradientNorm:0.0e0}");
    Console.WriteLine($"  accuracy: training {Accuracy(result.Minimizer, trainX, trainY):P1}, test {Accuracy(result.Minimizer, testX, testY):P1}");
    var (tp, fp, fn, tn) = Confusion(result.Minimizer, testX, testY);
    Console.WriteLine($"  test confusion (benign = positive): {tp} true positive, {fp} false positive, {fn} false negative, {tn} true negative");
    Console.WriteLine();
}

// Both curves as the excess over the lowest loss either method reached, on a log scale: the loss itself
// levels off near 0.07 within a few iterations and hides how fast each method converges after that.
static void DrawLossCurves(string path, IReadOnlyList<double> lbfgs, IReadOnlyList<double> descent)
{
    var best = Math.Min(lbfgs.Min(), descent.Min());
    IReadOnlyList<double> Excess(IReadOnlyList<double> losses) => [.. losses.Select(loss => loss - best)];
    PlotFile.TrySave(() => LossCurvePlot.Create($"Logistic regression, breast cancer data: training loss above its minimum {best:F4}",
        "iteration", "loss − minimum (log scale)",
        [new($"L-BFGS ({lbfgs.Count - 1} iterations)", Excess(lbfgs)), new($"gradient descent, backtracking ({descent.Count - 1} iterations)", Excess(descent))], logLoss: true), path);
}

static double Predict(double[] w, double[] x) => x.Select((v, j) => w[j] * v).Sum() + w[^1] > 0 ? 1 : 0;

static double Accuracy(double[] w, double[][] xs, double[] ys) => xs.Zip(ys).Count(p => Predict(w, p.First) == p.Second) / (double)ys.Length;

static (int, int, int, int) Confusion(double[] w, double[][] xs, double[] ys)
{
    var pairs = xs.Zip(ys, (x, y) => (Predicted: Predict(w, x), Actual: y)).ToList();
    return (pairs.Count(p => p is (1, 1)), pairs.Count(p => p is (1, 0)), pairs.Count(p => p is (0, 1)), pairs.Count(p => p is (0, 0)));
}

// The scikit-learn CSV layout: a header "rows,features,class names...", then features and label per line.
static (double[][] Features, double[] Labels) ReadCsv(string path)
{
    var lines = File.ReadLines(path).Skip(1).Where(line => line.Length > 0).Select(line => line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
    return ([.. lines.Select(v => v[..^1])], [.. lines.Select(v => v[^1])]);
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
    return passed;
}
