namespace Symbolic.Optimization;

/// <summary>How a batch gradient combines the chunks of an additive loss: what the per-chunk model computes.</summary>
public enum BatchReduction
{
    /// <summary>The model is a sum over its rows (<c>rows.Sum(…)</c>): the chunks' values and gradients are added.</summary>
    Sum,

    /// <summary>
    /// The model is a mean over its rows (<c>rows.Average(…)</c>): each chunk is weighted by its share of
    /// the rows, so the result is the mean over all the data.
    /// </summary>
    Mean,
}
