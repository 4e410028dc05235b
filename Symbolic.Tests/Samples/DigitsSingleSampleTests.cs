using Symbolic.Optimization;
using Symbolic.Samples.Digits;
using static Symbolic.Samples.Digits.DigitsMlp;

namespace Symbolic.Tests.Samples;

/// <summary>
/// The digits sample's <c>--float32</c> network (samples/Digits/DigitsMlpSingle.cs): its float gradient agrees with
/// the double one, its layers run on the float kernels, and minibatch Adam in float reaches the double accuracy.
/// </summary>
public class DigitsSingleSampleTests
{
    private static readonly (double[][] X, double[][] Y, int[] Labels) Images = Load();

    private static (double[][], double[][], int[]) Load()
    {
        var (pixels, labels) = DigitsData.Read(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"), 500);
        return (pixels, [.. labels.Select(DigitsData.OneHot)], labels);
    }

    private static float[][] Narrow(double[][] rows) => [.. rows.Select(DigitsMlpSingle.Narrow)];

    [Fact]
    public void The_float_gradient_agrees_with_the_double_gradient_to_1e_4_and_calls_the_float_kernels()
    {
        var (xs, ys) = (Images.X[..20], Images.Y[..20]);
        var random = new Random(5);
        double[] p = [.. Enumerable.Range(0, Parameters).Select(_ => (double)(float)(0.6 * random.NextDouble() - 0.3))];
        var (g, gf) = (new double[Parameters], new float[Parameters]);

        var loss = CrossEntropy.CompileGradient()(p, xs, ys, g);
        var lossF = DigitsMlpSingle.CrossEntropy.CompileGradient()(DigitsMlpSingle.Narrow(p), Narrow(xs), Narrow(ys), gf);

        Assert.True(Math.Abs(loss - lossF) <= 1e-5 * loss, $"loss {loss:R} in double, {lossF:R} in float");
        var difference = Math.Sqrt(g.Select((e, i) => (e - gf[i]) * (e - gf[i])).Sum());
        Assert.True(difference <= 1e-4 * Math.Sqrt(g.Sum(e => e * e)), $"norm-wise difference {difference:G3}");
        Assert.Matches(@"DenseRuntime\.Multiply(Add|Into)?\(", DigitsMlpSingle.CrossEntropy.ToCSharpGradient("Model"));
    }

    [Fact]
    public void Minibatch_Adam_in_float_reaches_the_double_held_out_accuracy_within_one_point()
    {
        const int trainRows = 300, epochs = 6;
        var (trainX, trainY) = (Images.X[..trainRows], Images.Y[..trainRows]);
        var (testX, testLabels) = (Images.X[trainRows..], Images.Labels[trainRows..]);
        MinibatchSgd Trainer() => new(new Adam(new AdamOptions { LearningRate = 0.01 }), new MinibatchOptions { BatchSize = 32, Seed = 3 });
        var stopping = new StoppingCriteria { MaxIterations = epochs, GradientTolerance = 0 };

        var inDouble = Trainer().Minimize(CrossEntropy.CompileGradient(), trainX, trainY, Layout.Initialize(seed: 7), stopping);
        var inFloat = Trainer().Minimize(DigitsMlpSingle.CrossEntropy.CompileGradient(), Narrow(trainX), Narrow(trainY), Layout.InitializeSingle(seed: 7), stopping);

        var accuracy = Accuracy(inDouble.Minimizer, testX, testLabels);
        var accuracyF = Accuracy(DigitsMlpSingle.Widen(inFloat.Minimizer), testX, testLabels);
        Assert.True(accuracy > 0.8, $"the double network learned too little to compare ({accuracy:P1})");
        Assert.True(Math.Abs(accuracy - accuracyF) <= 0.01, $"held-out accuracy {accuracy:P1} in double, {accuracyF:P1} in float");
    }
}
