using System.Linq.Expressions;

namespace Symbolic.Orleans;

/// <summary>A model over parallel inputs and targets, <c>(w, xs, ys) =&gt; loss</c>, with its loader.</summary>
internal sealed class PairPartitionModel<T1, T2>(string name, Expression<Func<double[], T1[], T2[], double>> chunkModel, PartitionLoader<T1, T2> loader)
    : PartitionModel(name)
{
    public override async Task<LoadedPartition> LoadAsync(PartitionKey key, CancellationToken cancellationToken)
    {
        var (inputs, targets) = await CallLoaderAsync(key, () => loader(key.Partition, key.PartitionCount, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (inputs is null || targets is null)
            throw new InvalidOperationException($"The loader of {key} returned null {(inputs is null ? "inputs" : "targets")}.");
        if (inputs.Length != targets.Length)
            throw new InvalidOperationException($"The loader of {key} returned {inputs.Length} inputs but {targets.Length} targets; there must be one target per input.");
        var gradient = Compile(chunkModel.CompileGradient);
        return new LoadedPartition(inputs.Length, (w, g) => gradient(w, inputs, targets, g));
    }
}
