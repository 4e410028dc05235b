namespace Symbolic.Samples;

/// <summary>
/// The folder a sample writes its pictures to, chosen by its command line: <c>./output/&lt;SampleName&gt;/</c>
/// under the current directory by default, <c>--output DIR</c> for another folder, <c>--docs</c> for the
/// repository's <c>docs/</c> folder (to regenerate the pictures the documentation shows, on purpose).
/// </summary>
internal sealed record SampleOutput(string Folder)
{
    /// <summary>The marker of the repository root, searched for upwards by <c>--docs</c>.</summary>
    public const string SolutionFile = "Symbolic.sln";

    /// <summary>Reads the process's arguments, against the current directory and the program's folder.</summary>
    public static SampleOutput FromArguments(IReadOnlyList<string> args, string sampleName) =>
        FromArguments(args, sampleName, Environment.CurrentDirectory, AppContext.BaseDirectory);

    /// <summary>
    /// Reads <paramref name="args"/>: none, <c>--output DIR</c> (relative to <paramref name="currentDirectory"/>)
    /// or <c>--docs</c> (the <c>docs</c> folder beside the first <see cref="SolutionFile"/> found above
    /// <paramref name="currentDirectory"/> or else above <paramref name="programDirectory"/>).
    /// </summary>
    /// <exception cref="ArgumentException">An unknown argument, <c>--output</c> without a folder, both options,
    /// or <c>--docs</c> outside a clone of the repository.</exception>
    public static SampleOutput FromArguments(IReadOnlyList<string> args, string sampleName, string currentDirectory, string programDirectory)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentException.ThrowIfNullOrWhiteSpace(sampleName);
        string? output = null;
        var docs = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--output" when i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal):
                    output = args[++i];
                    break;
                case "--output":
                    throw new ArgumentException("'--output' needs a folder: --output DIR.", nameof(args));
                case "--docs":
                    docs = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'; expected none, '--output DIR' or '--docs'.", nameof(args));
            }
        }
        if (docs && output is not null)
            throw new ArgumentException("'--docs' and '--output' both choose the folder; give one of them.", nameof(args));
        if (output is not null) return new(Path.GetFullPath(output, currentDirectory));
        if (!docs) return new(Path.Combine(Path.GetFullPath(currentDirectory), "output", sampleName));
        var root = RepositoryRoot(currentDirectory) ?? RepositoryRoot(programDirectory)
            ?? throw new ArgumentException($"'--docs': no {SolutionFile} above '{currentDirectory}' or '{programDirectory}'; run from a clone of the repository.", nameof(args));
        return new(Path.Combine(root, "docs"));
    }

    /// <summary>The full path of <paramref name="fileName"/> in <see cref="Folder"/>.</summary>
    public string PathOf(string fileName) => Path.Combine(Folder, fileName);

    private static string? RepositoryRoot(string start)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile))) return folder.FullName;
        return null;
    }
}
