using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Symbolic.CodeGeneration;
using Symbolic.Graph;
using Symbolic.Lowering;

namespace Symbolic.Tests.CodeGeneration;

/// <summary>
/// The backend's schedule, read through its dump (<see cref="ProcedureSchedule.Dump"/>): where each value is
/// computed and into which local, decided before anything is emitted; and emission as a pure function of it.
/// </summary>
public partial class ScheduleTests
{
    [Fact]
    public void An_invariant_of_a_loop_is_computed_once_before_the_loop()
    {
        Expression<Func<double, double[], double>> f = (a, data) => Enumerable.Range(0, data.Length).Sum(i => Math.Sin(data[i] + Math.Exp(a)));

        var (methodBody, loopBody) = SplitAtFirstBody(Schedule(f, EmitOptions.Compiled).Dump());

        var exp = Assert.Single(Lines(methodBody), line => line.Contains("Unary.Exp", StringComparison.Ordinal));
        Assert.Matches(@"-> t\d+ @ root$", exp);
        Assert.True(IndexOfLine(methodBody, "Unary.Exp") < IndexOfLine(methodBody, "Sum over i"), methodBody);
        Assert.DoesNotContain("Unary.Exp", loopBody, StringComparison.Ordinal);
        var add = Assert.Single(Lines(loopBody), line => line.Contains("Binary.Add", StringComparison.Ordinal));
        Assert.Contains($"#{Id(exp)}", add[add.IndexOf('(', StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_used_only_in_one_branch_is_computed_in_that_branch()
    {
        Expression<Func<double[], double>> f = x => x[0] > 0 ? Math.Exp(x[1]) * Math.Exp(x[1]) + 1 : x[2];

        var dump = Schedule(f, EmitOptions.Compiled).Dump();

        var test = Id(Assert.Single(Lines(dump), line => line.Contains("Comparison.GreaterThan", StringComparison.Ordinal)));
        var exp = Assert.Single(Lines(dump), line => line.Contains("Unary.Exp", StringComparison.Ordinal));
        Assert.EndsWith($"@ #{test} true", exp, StringComparison.Ordinal);
        Assert.Matches(@"-> t\d+ @", exp);
        Assert.EndsWith("@ root", Assert.Single(Lines(dump), line => line.Contains("Conditional", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Sine_and_cosine_of_one_operand_are_paired_when_asked_and_only_then()
    {
        Expression<Func<double[], double>> f = x => Math.Sin(x[0] * x[1]) + 2 * Math.Cos(x[0] * x[1]);

        var paired = Schedule(f, EmitOptions.Compiled).Dump();
        var separate = Schedule(f, EmitOptions.FastFused).Dump();

        var product = Id(Assert.Single(Lines(paired), line => line.Contains("Binary.Multiply(#", StringComparison.Ordinal) && !line.Contains("Constant", StringComparison.Ordinal)
            && Lines(paired).Any(l => l.Contains($"Unary.Sin(#{Id(line)})", StringComparison.Ordinal))));
        var sin = Id(Assert.Single(Lines(paired), line => line.Contains("Unary.Sin", StringComparison.Ordinal)));
        var cos = Id(Assert.Single(Lines(paired), line => line.Contains("Unary.Cos", StringComparison.Ordinal)));
        Assert.Contains($"= SinCos(#{product}): sin #{sin}, cos #{cos} @ root", paired, StringComparison.Ordinal);
        Assert.DoesNotContain("SinCos", separate, StringComparison.Ordinal);
    }

    [Fact]
    public void Sums_over_one_range_are_fused_into_one_loop_with_its_own_body_schedule()
    {
        Expression<Func<double[], double[], double>> f = (x, data) =>
            Enumerable.Range(0, data.Length).Sum(i => data[i] * x[0]) * Enumerable.Range(0, data.Length).Sum(i => data[i] * data[i] * x[1]);

        var fused = Schedule(f, EmitOptions.FastFused).Dump();
        var unfused = Schedule(f, EmitOptions.Fast).Dump();

        var loop = Assert.Single(Lines(fused), line => line.TrimStart().StartsWith("fused loop", StringComparison.Ordinal));
        Assert.Equal(2, Regex.Matches(loop, @"#\d+ -> sum\d+").Count);
        Assert.DoesNotContain("fused loop", unfused, StringComparison.Ordinal);
    }

    [Fact]
    public void Emitting_is_a_pure_function_of_the_schedule()
    {
        Expression<Func<double[], double[], double>> f = (x, data) => Enumerable.Range(0, data.Length)
            .Sum(i => data[i] > 0.5 ? Math.Sin(x[0] * data[i]) * Math.Cos(x[0] * data[i]) : Math.Exp(x[1])) + Math.Pow(x[1], 3);
        var schedule = Schedule(f, EmitOptions.Compiled);
        var before = schedule.Dump();

        var first = Compile(f, schedule);
        var second = Compile(f, schedule);

        Assert.Equal(before, schedule.Dump());
        var reference = f.Compile();
        var random = new Random(12);
        for (var k = 0; k < 50; k++)
        {
            double[] x = [random.NextDouble() * 4 - 2, random.NextDouble() * 4 - 2];
            var data = Enumerable.Range(0, random.Next(0, 9)).Select(_ => random.NextDouble()).ToArray();
            var value = first(x, data);
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(second(x, data)));
            var expected = reference(x, data);
            Assert.True(Math.Abs(value - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"{value:R} against LINQ's {expected:R}");
        }
    }

    private static Func<double[], double[], double> Compile(Expression<Func<double[], double[], double>> f, ProcedureSchedule schedule) =>
        Expression.Lambda<Func<double[], double[], double>>(ExpressionEmitter.Emit(schedule, EmitOptions.Compiled, values => ProcedureShape.Value(values[0])), f.Parameters).Compile();

    private static ProcedureSchedule Schedule(LambdaExpression f, EmitOptions options)
    {
        var graph = new NodeGraph();
        var arrays = f.Parameters.Where(p => p.Type == typeof(double[])).ToHashSet();
        return ProcedureScheduler.Schedule([ExpressionLowerer.Lower(graph, f, Calculus.DefaultContext.Frontend, arrays)], options);
    }

    private static string[] Lines(string dump) => dump.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int IndexOfLine(string dump, string content) => Array.FindIndex(Lines(dump), line => line.Contains(content, StringComparison.Ordinal));

    private static int Id(string line) => int.Parse(LeadingId().Match(line).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The method body's lines, and the first loop body's (from its "procedure:" header on).</summary>
    private static (string MethodBody, string LoopBody) SplitAtFirstBody(string dump)
    {
        var at = dump.IndexOf("procedure: loop body", StringComparison.Ordinal);
        Assert.True(at > 0, dump);
        return (dump[..at], dump[at..]);
    }

    [GeneratedRegex(@"^#(\d+) ")]
    private static partial Regex LeadingId();
}
