namespace Symbolic.Pipeline;

/// <summary>How <see cref="GradientPasses"/> runs.</summary>
/// <param name="RecognizeProducts">
/// Run the recognition pass (matrix products on the kernels). On for every output of the library; off only in
/// tests that compare the kernels with the scalar loops the model was written as.
/// </param>
/// <param name="Trace">Where each pass's output is dumped (print-after-each-pass), if anywhere.</param>
internal sealed record GradientPassOptions(bool RecognizeProducts = true, PassTrace? Trace = null)
{
    /// <summary>How many states of each fold the gradient keeps (the plan-folds pass): every state unless a caller asks otherwise.</summary>
    public FoldCheckpointing Folds { get; init; } = FoldCheckpointing.EveryState;

    /// <summary>What every output of the library uses.</summary>
    public static readonly GradientPassOptions Default = new();
}
