using System.Linq.Expressions;
using Symbolic.Pipeline;
using Symbolic.Tests.Support;

namespace Symbolic.Tests.Folds;

/// <summary>Loops stay loops: the program does not grow with the sequence, and a warm gradient allocates nothing.</summary>
public class FoldProgramTests
{
    private static string ReverseDump(LambdaExpression f)
    {
        var trace = new PassTrace();
        GradientPasses.Run(Calculus.DefaultContext, f, new GradientPassOptions(true, trace));
        return trace.After("simplify");
    }

    [Fact]
    public void Ten_steps_and_a_million_steps_build_the_same_program()
    {
        Expression<Func<double[], double>> shortRun = x => Enumerable.Range(0, 10).Aggregate(x[1], (y, t) => y + 0.01 * (-x[0] * y + Math.Sin(0.1 * t)));
        Expression<Func<double[], double>> longRun = x => Enumerable.Range(0, 1000000).Aggregate(x[1], (y, t) => y + 0.01 * (-x[0] * y + Math.Sin(0.1 * t)));

        var (shortDump, longDump) = (ReverseDump(shortRun), ReverseDump(longRun));

        Assert.Contains("fold t < 10 ", shortDump);
        Assert.Contains("reverse-fold t < 1000000 ", longDump);
        // The length appears only as the loops' count (and the final state's row): nothing else grows.
        Assert.Equal(Normalized(shortDump, "10"), Normalized(longDump, "1000000"));
    }

    private static string Normalized(string dump, string steps) =>
        dump.Replace($"< {steps} ", "< N ", StringComparison.Ordinal).Replace($"< {steps}:", "< N:", StringComparison.Ordinal)
            .Replace($"RangeCount({steps})", "RangeCount(N)", StringComparison.Ordinal);

    [Fact]
    public void The_printed_CSharp_gradient_of_a_fold_runs_the_same_bits_as_the_compiled_one()
    {
        Expression<Func<double[], double>> f = x => Enumerable.Range(0, 30).Aggregate(new[] { x[2], 0.0 },
            (s, t) => new[] { s[0] + 0.1 * s[1], s[1] - 0.1 * (x[0] * s[0] + x[1] * Math.Sin(s[1])) }, s => s[0] * s[0] + s[1]);
        var method = RoslynMethods.Compile(f.ToCSharpGradient())["ValueAndGradient"];
        double[] point = [2.0, 0.3, 1.0];
        var (expected, actual, inspected) = (new double[3], new double[3], new double[3]);

        var expectedValue = f.CompileGradient()(point, expected);
        var actualValue = (double)method.Invoke(null, [point, actual])!;
        var inspectedValue = f.GradientExpression().Compile()(point, inspected);

        Assert.Equal(expectedValue, actualValue);
        Assert.Equal(expectedValue, inspectedValue);
        Assert.Equal(expected, actual);
        Assert.Equal(expected, inspected);
    }

    [Fact]
    public void The_gradient_of_a_long_fold_is_right_and_a_warm_call_allocates_nothing()
    {
        const int steps = 100000;
        Expression<Func<double[], double>> f = x => Enumerable.Range(0, steps).Aggregate(x[1], (y, t) => y + 1e-5 * (-x[0] * y));
        var gradient = f.CompileGradient();
        double[] point = [0.5, 2.0];
        var buffer = new double[2];
        gradient(point, buffer);
        gradient(point, buffer);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 5; k++) gradient(point, buffer);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        var factor = 1 - 1e-5 * point[0];
        Assert.Equal(point[1] * steps * Math.Pow(factor, steps - 1) * -1e-5, buffer[0], 10);
        Assert.Equal(Math.Pow(factor, steps), buffer[1], 10);
    }

    [Fact]
    public void A_warm_gradient_of_an_Elman_network_allocates_nothing()
    {
        var inputs = Enumerable.Range(0, 50).Select(t => new[] { Math.Sin(0.3 * t), Math.Cos(0.2 * t) }).ToArray();
        Expression<Func<double[], double>> f = x => inputs.Aggregate(new double[4],
            (h, u) => Enumerable.Range(0, 4).Select(j => Math.Tanh(Enumerable.Range(0, 4).Sum(k => x[4 * j + k] * h[k]) + x[16 + 2 * j] * u[0] + x[17 + 2 * j] * u[1])).ToArray(),
            h => h.Sum(v => v * v));
        var gradient = f.CompileGradient();
        var point = Enumerable.Range(0, 24).Select(i => 0.2 * Math.Cos(i)).ToArray();
        var buffer = new double[24];
        gradient(point, buffer);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 5; k++) gradient(point, buffer);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
