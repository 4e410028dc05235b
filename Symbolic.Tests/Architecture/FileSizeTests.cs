namespace Symbolic.Tests.Architecture;

/// <summary>No source file of the library is longer than 400 lines (one responsibility per file).</summary>
public class FileSizeTests
{
    private const int MaximumLines = 400;

    [Fact]
    public void No_source_file_of_the_library_exceeds_400_lines()
    {
        var library = Path.Combine(SourceTree.Root, "Symbolic");
        var files = Directory.EnumerateFiles(library, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);
        var tooLong = files
            .Select(f => (Path: Path.GetRelativePath(library, f).Replace(Path.DirectorySeparatorChar, '/'), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > MaximumLines)
            .Select(f => $"{f.Path}: {f.Lines} lines")
            .ToList();
        Assert.Empty(tooLong);
    }
}
