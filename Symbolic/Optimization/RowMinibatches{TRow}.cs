namespace Symbolic.Optimization;

/// <summary>Rows of one array, for models <c>(w, rows) =&gt; …</c>.</summary>
internal sealed class RowMinibatches<TRow>(GradientFunc<TRow[]> model, TRow[] data, int batchSize) : MinibatchSource
{
    private TRow[]? _full, _remainder;

    public override int Count => data.Length;

    public override double EvaluateBatch(double[] w, int[] order, int start, int count, double[] gradient)
    {
        var batch = BufferFor(ref _full, ref _remainder, count, batchSize);
        for (var i = 0; i < count; i++) batch[i] = data[order[start + i]];
        return model(w, batch, gradient);
    }

    public override double EvaluateAll(double[] w, double[] gradient) => model(w, data, gradient);
}
