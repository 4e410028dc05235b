using BenchmarkDotNet.Running;

namespace Symbolic.Bench;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project Symbolic.Bench -- --filter '*'</c>
/// (add <c>--job short</c> while iterating). See docs/benchmarks.md.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
