using System.Diagnostics;
using Symbolic.Optimization;
using static Symbolic.Samples.Digits.DigitsMlp;

namespace Symbolic.Samples.Digits;

/// <summary>
/// The <c>--float32</c> run: the network of <see cref="DigitsMlpSingle"/> trained in float with the double run's
/// optimiser, schedule, seeds and number of epochs, then its held-out accuracy and training time against double's.
/// </summary>
internal static class SingleTraining
{
    /// <summary>
    /// Trains in float as the double run trained (up to <paramref name="maxEpochs"/>, the same per-epoch losses and
    /// early stop after <paramref name="patience"/> epochs without a better held-out loss, the best epoch kept);
    /// true when its held-out accuracy is within one point of double's.
    /// </summary>
    public static bool Run(int maxEpochs, int patience, int doubleEpochs, double doubleSeconds, double doubleAccuracy, double[][] trainX, double[][] trainY, int[] trainLabels,
        double[][] testX, int[] testLabels, LearningRateSchedule schedule)
    {
        Console.WriteLine();
        Console.WriteLine("--float32: the same network in float (float[] parameters and images, MathF, the float kernels):");
        var compileClock = Stopwatch.StartNew();
        var model = DigitsMlpSingle.CrossEntropy.CompileGradient();
        Console.WriteLine($"  CompileGradient in float: {compileClock.Elapsed.TotalMilliseconds:F0} ms");
        float[][] xs = [.. trainX.Select(DigitsMlpSingle.Narrow)], ys = [.. trainY.Select(DigitsMlpSingle.Narrow)];
        var trainer = new MinibatchSgd(new Adam(new AdamOptions { LearningRate = 0.01, Schedule = schedule }), new MinibatchOptions { BatchSize = 32, Seed = 3 });
        List<double> testLoss = [];
        var (best, bestEpoch) = (Array.Empty<double>(), 0);
        var stopping = new StoppingCriteria
        {
            MaxIterations = maxEpochs,
            GradientTolerance = 0,
            StopWhen = report =>
            {
                var w = report.Parameters.ToArray(); // the float parameters, widened by the optimiser's report
                _ = Loss(w, trainX, trainLabels); // as the double run does, so the two times compare
                testLoss.Add(Loss(w, testX, testLabels));
                if (testLoss[^1] < testLoss[bestEpoch] || best.Length == 0) (best, bestEpoch) = (w, report.Iteration);
                return report.Iteration - bestEpoch >= patience;
            },
        };
        var clock = Stopwatch.StartNew();
        var result = trainer.Minimize(model, xs, ys, Layout.InitializeSingle(seed: 7), stopping);
        var seconds = clock.Elapsed.TotalSeconds;
        var accuracy = Accuracy(best, testX, testLabels);
        var close = Math.Abs(accuracy - doubleAccuracy) <= 0.01;
        Console.WriteLine($"  stopped after {result.Iterations} epochs; best held-out loss {testLoss[bestEpoch]:F4} at epoch {bestEpoch}");
        Console.WriteLine($"  held-out accuracy: float {accuracy:P1}, double {doubleAccuracy:P1} ({(close ? "within one point" : "MORE than one point apart")})");
        Console.WriteLine($"  training time (with the per-epoch losses): float {seconds:F1} s, double {doubleSeconds:F1} s; " +
                          $"per epoch {seconds / result.Iterations:F2} s against {doubleSeconds / doubleEpochs:F2} s");
        return close;
    }
}
