using System.Globalization;

namespace Symbolic.Orleans;

/// <summary>
/// What a partition grain is: its model, its index and the number of partitions; its grain key is
/// "index/count/model" (the model last, so that a name may contain '/').
/// </summary>
internal readonly record struct PartitionKey(string Model, int Partition, int PartitionCount)
{
    public string Format() => string.Create(CultureInfo.InvariantCulture, $"{Partition}/{PartitionCount}/{Model}");

    public static PartitionKey Parse(string key)
    {
        var parts = key.Split('/', 3);
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw new ArgumentException($"'{key}' is not a partition key (index/count/model).", nameof(key));
        return new PartitionKey(parts[2], partition, count);
    }

    public override string ToString() => $"partition {Partition} of {PartitionCount} of model '{Model}'";
}
