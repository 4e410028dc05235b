using System.Numerics;

namespace Symbolic.Optimization;

/// <summary>Rows of one array, for models <c>(w, rows) =&gt; …</c> over parameters of type <typeparamref name="T"/>.</summary>
internal sealed class RowMinibatches<T, TRow>(Func<T[], TRow[], T[], T> model, TRow[] data, int batchSize) : MinibatchSource<T>
    where T : IFloatingPointIeee754<T>
{
    private TRow[]? _full, _remainder;

    public override int Count => data.Length;

    public override double EvaluateBatch(T[] w, int[] order, int start, int count, T[] gradient)
    {
        var batch = BufferFor(ref _full, ref _remainder, count, batchSize);
        for (var i = 0; i < count; i++) batch[i] = data[order[start + i]];
        return double.CreateTruncating(model(w, batch, gradient));
    }

    public override double EvaluateAll(T[] w, T[] gradient) => double.CreateTruncating(model(w, data, gradient));
}
