namespace Symbolic.Optimization;

/// <summary>The data of a minibatch run: evaluates the model on the rows a permutation selects, or on all of them.</summary>
internal abstract class MinibatchSource
{
    /// <summary>The number of rows.</summary>
    public abstract int Count { get; }

    /// <summary>The model's value and gradient on rows order[start] … order[start + count − 1].</summary>
    public abstract double EvaluateBatch(double[] w, int[] order, int start, int count, double[] gradient);

    /// <summary>The model's value and gradient on all rows.</summary>
    public abstract double EvaluateAll(double[] w, double[] gradient);

    /// <summary>The buffer for a batch of <paramref name="count"/> rows: the full-size one, or the one for the last, shorter batch.</summary>
    protected static T[] BufferFor<T>(ref T[]? full, ref T[]? remainder, int count, int batchSize)
    {
        if (count == batchSize) return full ??= new T[batchSize];
        if (remainder is null || remainder.Length != count) remainder = new T[count];
        return remainder;
    }
}
