using System.Text;

namespace Symbolic.Pipeline;

/// <summary>
/// Print-after-each-pass: the program each pass of <see cref="GradientPasses"/> produced, in the order the
/// passes ran — the IR as <see cref="Graph.GraphDump"/> text, the frontend's expression passes as the
/// expression they return. Tests of a pass read these dumps (like FileCheck tests), never private members.
/// </summary>
/// <remarks>Not thread-safe: one trace belongs to one pipeline run.</remarks>
internal sealed class PassTrace
{
    private readonly List<(string Pass, string Dump)> _entries = [];

    /// <summary>Every pass that ran, with what it produced.</summary>
    public IReadOnlyList<(string Pass, string Dump)> Entries => _entries;

    /// <summary>The passes that ran, in order.</summary>
    public IEnumerable<string> Passes => _entries.Select(e => e.Pass);

    /// <summary>Records what <paramref name="pass"/> produced.</summary>
    public void Record(string pass, string dump)
    {
        ArgumentException.ThrowIfNullOrEmpty(pass);
        ArgumentNullException.ThrowIfNull(dump);
        _entries.Add((pass, dump));
    }

    /// <summary>What the (last run of the) pass produced.</summary>
    /// <exception cref="KeyNotFoundException">The pass did not run.</exception>
    public string After(string pass)
    {
        for (var k = _entries.Count - 1; k >= 0; k--)
            if (_entries[k].Pass == pass) return _entries[k].Dump;
        throw new KeyNotFoundException($"The pass '{pass}' did not run; the passes that ran: {string.Join(", ", Passes)}.");
    }

    /// <summary>All dumps, each under a <c>; after PASS</c> header.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (pass, dump) in _entries) text.Append("; after ").Append(pass).Append('\n').Append(dump);
        return text.ToString();
    }
}
