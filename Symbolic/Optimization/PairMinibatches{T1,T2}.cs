namespace Symbolic.Optimization;

/// <summary>Rows held in two parallel arrays (inputs and targets), for models <c>(w, xs, ys) =&gt; …</c>.</summary>
internal sealed class PairMinibatches<T1, T2>(GradientFunc<T1[], T2[]> model, T1[] inputs, T2[] targets, int batchSize) : MinibatchSource
{
    private T1[]? _fullInputs, _remainderInputs;
    private T2[]? _fullTargets, _remainderTargets;

    public override int Count => inputs.Length;

    public override double EvaluateBatch(double[] w, int[] order, int start, int count, double[] gradient)
    {
        var xs = BufferFor(ref _fullInputs, ref _remainderInputs, count, batchSize);
        var ys = BufferFor(ref _fullTargets, ref _remainderTargets, count, batchSize);
        for (var i = 0; i < count; i++)
        {
            var row = order[start + i];
            (xs[i], ys[i]) = (inputs[row], targets[row]);
        }
        return model(w, xs, ys, gradient);
    }

    public override double EvaluateAll(double[] w, double[] gradient) => model(w, inputs, targets, gradient);
}
