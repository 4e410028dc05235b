using System.Globalization;
using System.Text;

namespace Symbolic.Tools.BenchmarkPlots;

/// <summary>
/// One table of recorded benchmark results, read from a CSV file: lines starting with '#' are notes (where
/// the figures come from), then a header, then one row per benchmark whose first field is its label.
/// Fields may be quoted ("…", a quote doubled inside); times are written with their unit ("16.72 μs").
/// </summary>
internal sealed record BenchmarkTable(string Source, IReadOnlyList<string> Notes, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>Reads the table in <paramref name="path"/>.</summary>
    public static BenchmarkTable Read(string path) => Parse(File.ReadAllLines(path, Encoding.UTF8), path);

    /// <summary>Parses <paramref name="lines"/>; <paramref name="source"/> names them in error messages.</summary>
    /// <exception cref="FormatException">No header, or a row whose field count differs from the header's.</exception>
    public static BenchmarkTable Parse(IReadOnlyList<string> lines, string source)
    {
        var notes = new List<string>();
        List<string>? columns = null;
        var rows = new List<IReadOnlyList<string>>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.StartsWith('#')) { notes.Add(line[1..].Trim()); continue; }
            if (line.Length == 0) continue;
            var fields = SplitFields(line, source, i + 1);
            if (columns is null) { columns = fields; continue; }
            if (fields.Count != columns.Count)
                throw new FormatException($"{source}, line {i + 1}: {fields.Count} fields where the header has {columns.Count}: \"{line}\"");
            rows.Add(fields);
        }
        return columns is null
            ? throw new FormatException($"{source}: no header line (every line is a '#' note or empty).")
            : new(source, notes, columns, rows);
    }

    /// <summary>The first field of every row, in order.</summary>
    public IEnumerable<string> Labels => Rows.Select(row => row[0]);

    /// <summary>The field of the row labelled <paramref name="label"/> in <paramref name="column"/>.</summary>
    /// <exception cref="ArgumentException">No such row or column.</exception>
    public string Cell(string label, string column)
    {
        var index = Columns.ToList().IndexOf(column);
        if (index < 0) throw new ArgumentException($"{Source} has no column '{column}' (columns: {string.Join(", ", Columns)}).", nameof(column));
        var row = Rows.FirstOrDefault(r => r[0] == label)
            ?? throw new ArgumentException($"{Source} has no row '{label}' (rows: {string.Join("; ", Labels)}).", nameof(label));
        return row[index];
    }

    /// <summary>A plain number, such as a ratio ("1.05") or a size ("1,000").</summary>
    public double Number(string label, string column) => ParseNumber(Cell(label, column), label, column);

    /// <summary>A time with its unit (ns, μs or ms), in nanoseconds.</summary>
    /// <exception cref="FormatException">The field is not a number followed by one of those units.</exception>
    public double Nanoseconds(string label, string column)
    {
        var field = Cell(label, column);
        var space = field.LastIndexOf(' ');
        var scale = space < 0 ? double.NaN : field[(space + 1)..] switch
        {
            "ns" => 1,
            "μs" or "µs" or "us" => 1e3,   // Greek mu and the micro sign are both in use
            "ms" => 1e6,
            _ => double.NaN,
        };
        if (double.IsNaN(scale)) throw new FormatException($"{Source}, row '{label}', column '{column}': \"{field}\" is not a time in ns, μs or ms.");
        return ParseNumber(field[..space], label, column) * scale;
    }

    private double ParseNumber(string field, string label, string column) =>
        double.TryParse(field.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{Source}, row '{label}', column '{column}': \"{field}\" is not a number.");

    // RFC 4180 fields on one line: separated by commas, optionally quoted, with "" for a quote inside quotes.
    private static List<string> SplitFields(string line, string source, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        if (quoted) throw new FormatException($"{source}, line {lineNumber}: a quoted field is not closed: \"{line}\"");
        fields.Add(field.ToString());
        return fields;
    }
}
