using System.Numerics;

namespace Symbolic.Optimization;

/// <summary>The data of a minibatch run over parameters of type <typeparamref name="T"/>: evaluates the model on the rows a permutation selects, or on all of them.</summary>
/// <typeparam name="T">The parameters' type: double or float.</typeparam>
internal abstract class MinibatchSource<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>The number of rows.</summary>
    public abstract int Count { get; }

    /// <summary>The model's value (widened to double) and gradient on rows order[start] … order[start + count − 1].</summary>
    public abstract double EvaluateBatch(T[] w, int[] order, int start, int count, T[] gradient);

    /// <summary>The model's value (widened to double) and gradient on all rows.</summary>
    public abstract double EvaluateAll(T[] w, T[] gradient);

    /// <summary>The buffer for a batch of <paramref name="count"/> rows: the full-size one, or the one for the last, shorter batch.</summary>
    protected static TItem[] BufferFor<TItem>(ref TItem[]? full, ref TItem[]? remainder, int count, int batchSize)
    {
        if (count == batchSize) return full ??= new TItem[batchSize];
        if (remainder is null || remainder.Length != count) remainder = new TItem[count];
        return remainder;
    }
}
