using System.Linq.Expressions;
using Symbolic.Pipeline;
using Symbolic.Tests.Backpropagation;

namespace Symbolic.Tests.CodeGeneration;

/// <summary>
/// Scatter loops that write every gradient entry they reach once (<c>g[i] = carry + a_i; carry = b_i</c>)
/// instead of clearing the gradient and adding twice per term. Each index pattern is checked against finite
/// differences with the caller's buffer pre-filled with NaN (a missed clear or a skipped entry shows as NaN),
/// and the plan-scatters dump says whether the loop was proved to cover its entries (else it keeps clear-then-add).
/// </summary>
public class CarriedWriteTests
{
    private const string Carried = "write carried over";

    public static TheoryData<string, Expression<Func<double[], double[], double>>, bool> Patterns() => new()
    {
        { "i, i + 1 (Rosenbrock)", (x, y) => Enumerable.Range(0, x.Length - 1).Sum(i => 100 * Math.Pow(x[i + 1] - x[i] * x[i], 2) + Math.Pow(1 - x[i], 2)), true },
        { "i - 1, i", (x, y) => Enumerable.Range(1, x.Length - 1).Sum(i => x[i - 1] * Math.Sin(x[i])), true },
        { "i, i + 1, i + 2", (x, y) => Enumerable.Range(0, x.Length - 2).Sum(i => x[i] * x[i + 1] * x[i + 2] + x[i + 2]), true },
        { "2i, 2i + 1", (x, y) => Enumerable.Range(0, x.Length / 2).Sum(i => Math.Exp(x[2 * i]) * x[2 * i + 1]), true },
        { "2i, 2i + 1, 2i + 2", (x, y) => Enumerable.Range(0, (x.Length - 1) / 2).Sum(i => x[2 * i] * x[2 * i + 1] - x[2 * i + 2] * x[2 * i + 2]), true },
        { "i over a constant range", (x, y) => Enumerable.Range(0, 3).Sum(i => x[i] * x[i + 1]), true },
        { "i over the data's length", (x, y) => Enumerable.Range(0, y.Length).Sum(i => Math.Cos(x[i + 1]) * x[i]), true },
        { "a constant entry below the loop's", (x, y) => 3 * x[0] * x[0] + Enumerable.Range(0, x.Length - 2).Sum(i => x[i + 1] * x[i + 2]), true },
        { "constant entries around a gap, below the loop's", (x, y) => x[0] * x[2] + Enumerable.Range(0, x.Length - 4).Sum(i => x[i + 3] * Math.Exp(x[i + 4])), true },
        { "a gap: 2i only", (x, y) => Enumerable.Range(0, x.Length / 2).Sum(i => x[2 * i] * x[2 * i]), false },
        { "a hole: i, i + 2", (x, y) => Enumerable.Range(0, x.Length - 2).Sum(i => x[i] * x[i + 2]), false },
        { "overlapping loops", (x, y) => Enumerable.Range(0, x.Length).Sum(i => x[i] * x[i]) + Enumerable.Range(0, x.Length - 1).Sum(j => x[j] * x[j + 1]), false },
        { "a data-dependent index", (x, y) => Enumerable.Range(0, y.Length).Sum(i => x[(int)y[i]] * x[(int)y[i]]), false },
        { "a Where filter", (x, y) => Enumerable.Range(0, x.Length - 1).Where(i => i % 2 == 0).Sum(i => x[i] * x[i + 1]), false },
        { "a constant entry inside the loop's", (x, y) => x[1] * x[1] + Enumerable.Range(0, x.Length - 1).Sum(i => x[i] * x[i + 1]), false },
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void The_gradient_into_a_NaN_filled_buffer_agrees_with_finite_differences(string pattern, Expression<Func<double[], double[], double>> f, bool covered)
    {
        var reference = f.Compile();
        var compiled = f.CompileGradient();
        var grad = (Func<double[], double[], double[]>)f.Grad().Compile();
        double[] data = [1, 0, 2, 1];
        foreach (var n in (int[])[0, 1, 2, 3, 4, 5, 8])
        {
            var x = Enumerable.Range(0, n).Select(j => 0.3 + 0.7 * Math.Sin(j + 1)).ToArray();
            var (poisoned, zeroed) = (Enumerable.Repeat(double.NaN, n).ToArray(), new double[n]);
            // Where LINQ fails (a read past x, a negative count) so does the gradient, naming the culprit.
            if (Throws(() => reference(x, data)) is not null)
            {
                Assert.NotNull(Throws(() => compiled(x, data, poisoned)));
                continue;
            }
            Assert.Equal(reference(x, data), compiled(x, data, poisoned), 1e-12);
            compiled(x, data, zeroed);
            Assert.Equal(zeroed, poisoned);
            var estimate = FiniteDifferences.Gradient(p => reference(p, data), x);
            for (var j = 0; j < n; j++) Assert.True(Math.Abs(estimate[j] - poisoned[j]) <= 1e-7 * Math.Max(1, Math.Abs(estimate[j])), $"{pattern} ({(covered ? "written once" : "cleared, added")}), n = {n}: ∂f/∂x[{j}] = {poisoned[j]}, finite differences {estimate[j]}");
            Assert.Equal(poisoned, grad(x, data));
        }
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void The_plan_writes_once_exactly_where_the_scatters_are_proved_to_cover_their_entries(string pattern, Expression<Func<double[], double[], double>> f, bool covered)
    {
        var trace = new PassTrace();
        GradientPasses.Run(Calculus.DefaultContext, f, GradientPassOptions.Default with { Trace = trace });
        Assert.True(covered == trace.After("plan-scatters").Contains(Carried, StringComparison.Ordinal), $"{pattern}: {trace.After("plan-scatters")}");
    }

    [Fact]
    public void Rosenbrock_writes_each_entry_once_carrying_the_next_and_clears_nothing()
    {
        Expression<Func<double[], double>> rosenbrock = x => Enumerable.Range(0, x.Length - 1).Sum(i => 100 * Math.Pow(x[i + 1] - x[i] * x[i], 2) + Math.Pow(1 - x[i], 2));
        var source = rosenbrock.ToCSharpGradient();

        Assert.DoesNotContain("Array.Clear", source, StringComparison.Ordinal);
        Assert.DoesNotContain("+= ", source.Replace("sum1 += ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        // The carry added first, and the term -2·(1 - x[i]) as a subtracted doubling (CarriedSum): an addition, not a multiplication.
        Assert.Matches(@"gradient\[i\] = \(\(carry - \((t\d+) \+ \1\)\) - ", source);
        Assert.Matches(@"carry = t\d+;", source);
        Assert.Matches(@"gradient\[\(x\.Length - 1\)\] = carry;", source);
        // Only a loop that runs no iteration (x of length 1) leaves an entry to clear.
        Assert.Matches(@"if \(\(\(x\.Length - 1\) <= 0\)\)\s*\{\s*global::Symbolic\.Runtime\.DenseRuntime\.ClearRange\(gradient, 0, gradient\.Length\);", source);
    }

    [Fact]
    public void The_schedule_of_Rosenbrock_shows_the_write_and_its_carried_local()
    {
        Expression<Func<double[], double>> rosenbrock = x => Enumerable.Range(0, x.Length - 1).Sum(i => 100 * Math.Pow(x[i + 1] - x[i] * x[i], 2) + Math.Pow(1 - x[i], 2));
        var program = GradientPasses.Run(Calculus.DefaultContext, rosenbrock, GradientPassOptions.Default);
        var dump = Symbolic.CodeGeneration.ProcedureScheduler.Schedule(program.Outputs, program.Emit, program.PlanFor(Expression.Parameter(typeof(double[]), "g"))).Dump();

        Assert.Contains("carried write over i: 1 entries stored per iteration from offset 0; carried in carry", dump, StringComparison.Ordinal);
        Assert.Matches(@"write x\[i\] \+= #\d+", dump);
        Assert.Matches(@"write x\[\(i \+ 1\)\] \+= #\d+", dump);
        Assert.DoesNotContain("scatter x[", dump, StringComparison.Ordinal);
    }

    [Fact]
    public void Constant_entries_below_a_covering_loop_are_stored_and_only_the_entries_between_them_cleared()
    {
        Expression<Func<double[], double>> f = x => x[0] * x[2] + Enumerable.Range(0, x.Length - 4).Sum(i => x[i + 3] * Math.Exp(x[i + 4]));
        var source = f.ToCSharpGradient();

        Assert.DoesNotContain("Array.Clear", source, StringComparison.Ordinal);
        Assert.Matches(@"gradient\[0\] = ", source);
        Assert.Matches(@"gradient\[2\] = ", source);
        Assert.Contains("ClearRange(gradient, 1, 2)", source, StringComparison.Ordinal);
        Assert.DoesNotContain("ClearRange(gradient, 0,", source, StringComparison.Ordinal);
    }

    [Fact]
    public void An_uncovered_pattern_keeps_its_clear_and_adds()
    {
        Expression<Func<double[], double>> gap = x => Enumerable.Range(0, x.Length / 2).Sum(i => x[2 * i] * x[2 * i]);
        var source = gap.ToCSharpGradient();

        Assert.Contains("Array.Clear(gradient, 0, ", source, StringComparison.Ordinal);
        Assert.Matches(@"gradient\[\(2 \* i\)\] \+= ", source);
        Assert.DoesNotContain("carry", source, StringComparison.Ordinal);
    }

    private static Exception? Throws(Action call)
    {
        try
        {
            call();
            return null;
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or InvalidOperationException)
        {
            return e;
        }
    }
}
