using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Symbolic.Tests.Support;

/// <summary>Compiles C# methods Symbolic wrote (ToCSharp, ToCSharpGradient) with Roslyn, referencing Symbolic (whose runtime the source calls).</summary>
internal static class RoslynMethods
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(Functions).Assembly.Location)
            .Select(path => MetadataReference.CreateFromFile(path))]);

    /// <summary>The methods, compiled into <c>public static class Generated</c>, by name.</summary>
    public static Dictionary<string, MethodInfo> Compile(string methods)
    {
        var source = "public static class Generated\n{\n" + methods + "\n}\n";
        var compilation = CSharpCompilation.Create("Generated" + Guid.NewGuid().ToString("N"), [CSharpSyntaxTree.ParseText(source)], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(result.Success, string.Join("\n", errors.Take(5)) + "\n" + source[..Math.Min(source.Length, 4000)]);
        var type = Assembly.Load(stream.ToArray()).GetType("Generated")!;
        return type.GetMethods(BindingFlags.Public | BindingFlags.Static).ToDictionary(m => m.Name);
    }
}
