namespace Symbolic.Samples.Digits;

/// <summary>Draws the training and held-out loss per epoch as a PNG, with ScottPlot (samples/Shared).</summary>
internal static class LossPlot
{
    /// <summary>
    /// Writes digits-loss.png to the folder the command line chooses (<see cref="SampleOutput"/>:
    /// ./output/Digits/ by default, <c>--output DIR</c>, <c>--docs</c>); returns false, after printing why,
    /// if the arguments are wrong or plotting fails: the training results stand without the picture.
    /// </summary>
    public static bool TrySave(IReadOnlyList<string> args, IReadOnlyList<double> trainLoss, IReadOnlyList<double> testLoss, string title)
    {
        SampleOutput output;
        try
        {
            output = SampleOutput.FromArguments(args, "Digits");
        }
        catch (ArgumentException e)   // read after training: a wrong argument must not cost the trained results
        {
            Console.WriteLine($"WARNING: the loss plot is not written: {e.Message}");
            return false;
        }
        return PlotFile.TrySave(() => LossCurvePlot.Create(title, "epoch", "mean cross-entropy",
            [new("training (80 %)", trainLoss), new("held out (20 %)", testLoss)], logLoss: false), output.PathOf("digits-loss.png"));
    }
}
