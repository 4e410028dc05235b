using System.Linq.Expressions;
using Symbolic.Optimization;

namespace Symbolic.Tests.Optimization;

public class LbfgsTests
{
    [Fact]
    public void Lbfgs_minimises_Rosenbrock_from_the_standard_start_to_within_1e_8()
    {
        var result = new Lbfgs().Minimize(TestProblems.Rosenbrock.CompileGradient(), [-1.2, 1], new StoppingCriteria { GradientTolerance = 1e-9 });

        Assert.Equal(StopReason.GradientTolerance, result.Reason);
        Assert.True(result.Converged);
        Assert.True(TestProblems.MaxDistance(result.Minimizer, [1, 1]) <= 1e-8, $"minimiser {result.Minimizer[0]:R}, {result.Minimizer[1]:R}");
        Assert.True(result.Value <= 1e-16);
        Assert.InRange(result.Iterations, 20, 60);
    }

    [Fact]
    public void Lbfgs_minimises_the_chained_Rosenbrock_function_in_LINQ_form()
    {
        double[] start = [.. Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? -1.2 : 1)];

        var result = new Lbfgs().Minimize(TestProblems.ChainedRosenbrock.CompileGradient(), start, new StoppingCriteria { GradientTolerance = 1e-8, MaxIterations = 2000 });

        Assert.Equal(StopReason.GradientTolerance, result.Reason);
        Assert.True(TestProblems.MaxDistance(result.Minimizer, TestProblems.Ones(20)) <= 1e-8);
    }

    public static TheoryData<string, double[], double[]> ClassicProblems => new()
    {
        { nameof(TestProblems.Beale), [1, 1], [3, 0.5] },
        { nameof(TestProblems.Wood), [-3, -1, -3, -1], [1, 1, 1, 1] },
        { nameof(TestProblems.Quadratic), [4, 3, -2], TestProblems.QuadraticMinimizer },
        { nameof(TestProblems.ScaledSphere), [.. Enumerable.Range(0, 50).Select(i => Math.Sin(i))], TestProblems.Ones(50) },
    };

    [Theory]
    [MemberData(nameof(ClassicProblems))]
    public void Lbfgs_finds_the_minimiser_of_classic_problems(string problem, double[] start, double[] minimizer)
    {
        var f = (Expression<Func<double[], double>>)typeof(TestProblems).GetField(problem)!.GetValue(null)!;

        var result = new Lbfgs().Minimize(f.CompileGradient(), start, new StoppingCriteria { GradientTolerance = 1e-9 });

        Assert.True(result.Converged, $"{result.Reason} after {result.Iterations} iterations, |g| = {result.GradientNorm}");
        Assert.True(TestProblems.MaxDistance(result.Minimizer, minimizer) <= 1e-7);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(30)]
    public void Any_memory_size_converges(int memory)
    {
        var result = new Lbfgs(new LbfgsOptions { Memory = memory }).Minimize(TestProblems.Rosenbrock.CompileGradient(), [-1.2, 1], new StoppingCriteria { MaxIterations = 5000 });

        Assert.Equal(StopReason.GradientTolerance, result.Reason);
    }

    [Fact]
    public void Two_runs_give_bit_identical_iterates()
    {
        var first = new ProgressLog();
        var second = new ProgressLog();
        var gradient = TestProblems.Rosenbrock.CompileGradient();

        var a = new Lbfgs().Minimize(gradient, [-1.2, 1], progress: first);
        var b = new Lbfgs().Minimize(gradient, [-1.2, 1], progress: second);

        Assert.Equal(first.Reports, second.Reports);
        Assert.Equal(a.Minimizer, b.Minimizer);
    }

    [Fact]
    public void A_gradient_that_does_not_match_the_function_stops_with_LineSearchFailed()
    {
        var gradient = TestProblems.Quadratic.CompileGradient();
        // The negated gradient: every "descent" direction goes uphill.
        GradientFunc wrong = (x, g) =>
        {
            var value = gradient(x, g);
            for (var i = 0; i < g.Length; i++) g[i] = -g[i];
            return value;
        };

        var result = new Lbfgs().Minimize(wrong, [4, 3, -2]);

        Assert.Equal(StopReason.LineSearchFailed, result.Reason);
        Assert.Equal([4, 3, -2], result.Minimizer);
    }

    [Fact]
    public void The_start_array_is_not_modified()
    {
        double[] start = [-1.2, 1];

        var result = new Lbfgs().Minimize(TestProblems.Rosenbrock.CompileGradient(), start);

        Assert.Equal([-1.2, 1], start);
        Assert.NotSame(start, result.Minimizer);
    }

    [Fact]
    public void A_plain_Func_objective_is_accepted()
    {
        var compiled = TestProblems.Quadratic.CompileGradient();
        Func<double[], double[], double> objective = (x, g) => compiled(x, g);

        var result = new Lbfgs().Minimize(objective, [0, 0, 0]);

        Assert.True(TestProblems.MaxDistance(result.Minimizer, TestProblems.QuadraticMinimizer) <= 1e-8);
    }

    [Fact]
    public void Out_of_range_options_throw_when_the_optimiser_is_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lbfgs(new LbfgsOptions { Memory = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lbfgs(new LbfgsOptions { Curvature = 1e-5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lbfgs(new LbfgsOptions { SufficientDecrease = double.NaN }));
    }
}
