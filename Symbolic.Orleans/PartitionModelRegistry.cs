namespace Symbolic.Orleans;

/// <summary>The models registered on this silo, by name; built once from the silo's service collection.</summary>
internal sealed class PartitionModelRegistry(IEnumerable<PartitionModel> models)
{
    private readonly Dictionary<string, PartitionModel> _models = models.ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <exception cref="InvalidOperationException">No model of that name is registered here.</exception>
    public PartitionModel Get(string name, string silo) =>
        _models.TryGetValue(name, out var model) ? model
        : throw new InvalidOperationException(
            $"No model named '{name}' is registered on silo {silo} (it has {(_models.Count == 0 ? "none" : string.Join(", ", _models.Keys.Order(StringComparer.Ordinal).Select(n => $"'{n}'")))}); " +
            "register it with AddPartitionModel on every silo.");
}
