using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Symbolic.Bench.OnePipeline;

/// <summary>
/// Compiles the source of one static method (what <c>ToCSharpGradient</c> prints) with Roslyn, optimised, into
/// an assembly loaded in this process, and binds it to a delegate: the exported gradient as a user who ships
/// the source gets it.
/// </summary>
public static class RoslynMethod
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(Calculus).Assembly.Location)
            .Select(path => MetadataReference.CreateFromFile(path))]);

    /// <summary>The method <paramref name="methodName"/> of <paramref name="methodSource"/>, compiled in Release and bound to <typeparamref name="TDelegate"/>.</summary>
    /// <exception cref="InvalidOperationException">The source does not compile (the first errors are in the message).</exception>
    public static TDelegate Compile<TDelegate>(string methodSource, string methodName) where TDelegate : Delegate
    {
        var source = "public static class Generated\n{\n" + methodSource + "\n}\n";
        var compilation = CSharpCompilation.Create("Generated" + Guid.NewGuid().ToString("N"), [CSharpSyntaxTree.ParseText(source)], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
            throw new InvalidOperationException("The generated source does not compile:\n" +
                string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
        var method = Assembly.Load(stream.ToArray()).GetType("Generated")!.GetMethod(methodName, BindingFlags.Public | BindingFlags.Static)!;
        return method.CreateDelegate<TDelegate>();
    }
}
