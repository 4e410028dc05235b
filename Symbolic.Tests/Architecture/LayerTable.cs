namespace Symbolic.Tests.Architecture;

/// <summary>
/// The layer order as data, read from tools/architecture/layers.txt — the one table that both this test and the
/// picture (tools/architecture/layers.py) use.
/// </summary>
public sealed class LayerTable
{
    private LayerTable(IReadOnlyList<Layer> layers) => Layers = layers;

    /// <summary>The table of the repository the tests were built from.</summary>
    public static LayerTable Current { get; } = Parse(File.ReadAllLines(Path.Combine(SourceTree.Root, "tools", "architecture", "layers.txt")));

    /// <summary>The layers, bottom up.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>The layer by name.</summary>
    public Layer this[string name] => Layers.SingleOrDefault(l => l.Name == name) ?? throw new KeyNotFoundException($"No layer '{name}' in layers.txt.");

    /// <summary>Reads the table: '#' starts a comment, columns are separated by '|'.</summary>
    public static LayerTable Parse(IEnumerable<string> lines)
    {
        List<Layer> layers = [];
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var columns = line.Split('|', StringSplitOptions.TrimEntries);
            if (columns.Length != 4) throw new FormatException($"layers.txt: expected 4 columns separated by '|' in \"{line}\".");
            var members = Words(columns[2]);
            layers.Add(new Layer(int.Parse(columns[0], System.Globalization.CultureInfo.InvariantCulture), columns[1],
                [.. members.Where(m => m.EndsWith(".*", StringComparison.Ordinal)).Select(m => m[..^2])],
                [.. members.Where(m => !m.EndsWith(".*", StringComparison.Ordinal))],
                columns[3] == "-" ? [] : Words(columns[3])));
        }
        var table = new LayerTable(layers);
        foreach (var name in layers.SelectMany(l => l.MayUse))
            _ = table[name];
        return table;
    }

    /// <summary>The layer a type of the library belongs to, by its full name; null for a type outside the layers.</summary>
    public Layer? LayerOf(string fullName)
    {
        // Nested, compiler-generated and generic types belong where their outermost type does.
        var end = fullName.IndexOfAny(['+', '/', '`', '<']);
        var outer = end < 0 ? fullName : fullName[..end];
        var dot = outer.LastIndexOf('.');
        var ns = dot < 0 ? "" : outer[..dot];
        return Layers.FirstOrDefault(l => l.Types.Contains(outer))
            ?? Layers.FirstOrDefault(l => l.Namespaces.Any(n => ns == n || ns.StartsWith(n + ".", StringComparison.Ordinal)));
    }

    /// <summary>Whether <paramref name="from"/> may depend on <paramref name="to"/> (itself, or its "may use" list).</summary>
    public bool Allows(Layer from, Layer to) => from == to || from.MayUse.Contains(to.Name);

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
