using System.Linq.Expressions;

namespace Symbolic.Orleans;

/// <summary>A model over one array of rows, <c>(w, rows) =&gt; loss</c>, with its loader.</summary>
internal sealed class RowPartitionModel<TRow>(string name, Expression<Func<double[], TRow[], double>> chunkModel, PartitionLoader<TRow> loader)
    : PartitionModel(name)
{
    public override async Task<LoadedPartition> LoadAsync(PartitionKey key, CancellationToken cancellationToken)
    {
        var rows = await CallLoaderAsync(key, () => loader(key.Partition, key.PartitionCount, cancellationToken), cancellationToken).ConfigureAwait(false);
        var gradient = Compile(chunkModel.CompileGradient);
        return new LoadedPartition(rows.Length, (w, g) => gradient(w, rows, g));
    }
}
