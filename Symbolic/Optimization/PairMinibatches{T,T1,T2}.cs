using System.Numerics;

namespace Symbolic.Optimization;

/// <summary>Rows held in two parallel arrays (inputs and targets), for models <c>(w, xs, ys) =&gt; …</c> over parameters of type <typeparamref name="T"/>.</summary>
internal sealed class PairMinibatches<T, T1, T2>(Func<T[], T1[], T2[], T[], T> model, T1[] inputs, T2[] targets, int batchSize) : MinibatchSource<T>
    where T : IFloatingPointIeee754<T>
{
    private T1[]? _fullInputs, _remainderInputs;
    private T2[]? _fullTargets, _remainderTargets;

    public override int Count => inputs.Length;

    public override double EvaluateBatch(T[] w, int[] order, int start, int count, T[] gradient)
    {
        var xs = BufferFor(ref _fullInputs, ref _remainderInputs, count, batchSize);
        var ys = BufferFor(ref _fullTargets, ref _remainderTargets, count, batchSize);
        for (var i = 0; i < count; i++)
        {
            var row = order[start + i];
            (xs[i], ys[i]) = (inputs[row], targets[row]);
        }
        return double.CreateTruncating(model(w, xs, ys, gradient));
    }

    public override double EvaluateAll(T[] w, T[] gradient) => double.CreateTruncating(model(w, inputs, targets, gradient));
}
