using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;

namespace Symbolic.Bench.Compilation;

/// <summary>
/// The one-off cost of a derivative of a function of about 1,000 nodes: <c>Diff(f)</c> alone, and
/// <c>Diff(f).Compile()</c>, against the reference <c>f.Compile()</c> — what the user pays anyway.
/// </summary>
[MemoryDiagnoser]
public class LargeFunctionCompilation
{
    private Expression<Func<double, double>> _function = null!;
    private Expression<Func<double, double>> _derivative = null!;

    /// <summary>Random: <see cref="LargeFunctions.Random"/>; SumOfTerms: <see cref="LargeFunctions.SumOfTerms"/>.</summary>
    [Params("Random", "SumOfTerms")]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void GlobalSetup()
    {
        _function = Shape == "Random" ? LargeFunctions.Random(1_000) : LargeFunctions.SumOfTerms(36);
        _derivative = _function.Diff();
        Console.WriteLine($"// {Shape}: f has {LargeFunctions.CountNodes(_function)} nodes, Diff(f) has {LargeFunctions.CountNodes(_derivative)}.");
    }

    [Benchmark(Baseline = true, Description = "f.Compile()")]
    public Func<double, double> CompileFunction() => _function.Compile();

    [Benchmark(Description = "Diff(f)")]
    public Expression<Func<double, double>> Differentiate() => _function.Diff();

    [Benchmark(Description = "Diff(f).Compile()")]
    public Func<double, double> DifferentiateAndCompile() => _function.Diff().Compile();

    [Benchmark(Description = "Compile() of the emitted Diff(f)")]
    public Func<double, double> CompileDerivative() => _derivative.Compile();
}
