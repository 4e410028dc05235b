namespace Symbolic.Tests.Architecture;

/// <summary>The repository the tests were built from, found by walking up to Symbolic.sln.</summary>
public static class SourceTree
{
    /// <summary>The folder that holds Symbolic.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Symbolic.sln"))) return folder.FullName;
        throw new DirectoryNotFoundException($"No Symbolic.sln above {AppContext.BaseDirectory}: the architecture tests read the source tree.");
    }
}
