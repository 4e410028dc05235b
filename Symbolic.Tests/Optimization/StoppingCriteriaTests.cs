using Symbolic.Optimization;

namespace Symbolic.Tests.Optimization;

public class StoppingCriteriaTests
{
    private static readonly GradientFunc Rosenbrock = TestProblems.Rosenbrock.CompileGradient();

    public static TheoryData<string> Optimizers => ["Lbfgs", "GradientDescent", "Adam", "Momentum"];

    private static Optimizer Make(string name) => name switch
    {
        "Lbfgs" => new Lbfgs(),
        "GradientDescent" => new GradientDescent(),
        "Adam" => new Adam(),
        "Momentum" => new Momentum(new MomentumOptions { LearningRate = 1e-4 }),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void MaxIterations_stops_after_exactly_that_many_iterations(string optimizer)
    {
        var result = Make(optimizer).Minimize(Rosenbrock, [-1.2, 1], new StoppingCriteria { MaxIterations = 7 });

        Assert.Equal(StopReason.MaxIterations, result.Reason);
        Assert.Equal(7, result.Iterations);
        Assert.False(result.Converged);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void A_start_at_the_minimum_stops_at_once_with_GradientTolerance(string optimizer)
    {
        var result = Make(optimizer).Minimize(Rosenbrock, [1, 1]);

        Assert.Equal(StopReason.GradientTolerance, result.Reason);
        Assert.Equal(0, result.Iterations);
        Assert.Equal(1, result.Evaluations);
        Assert.Equal([1.0, 1.0], result.Minimizer);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void A_cancelled_token_stops_before_the_first_iteration_without_throwing(string optimizer)
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var result = Make(optimizer).Minimize(Rosenbrock, [-1.2, 1], cancellationToken: cancellation.Token);

        Assert.Equal(StopReason.Cancelled, result.Reason);
        Assert.Equal(0, result.Iterations);
        Assert.Equal([-1.2, 1], result.Minimizer);
    }

    [Fact]
    public void Cancelling_during_a_run_stops_it_at_the_next_iteration()
    {
        using var cancellation = new CancellationTokenSource();
        var cancelAtFive = new CancelAt(5, cancellation);

        var result = new GradientDescent().Minimize(Rosenbrock, [-1.2, 1], new StoppingCriteria { MaxIterations = 100_000 }, cancelAtFive, cancellation.Token);

        Assert.Equal(StopReason.Cancelled, result.Reason);
        Assert.Equal(5, result.Iterations);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void A_zero_time_limit_stops_before_the_first_iteration(string optimizer)
    {
        var result = Make(optimizer).Minimize(Rosenbrock, [-1.2, 1], new StoppingCriteria { MaxTime = TimeSpan.Zero });

        Assert.Equal(StopReason.TimeLimit, result.Reason);
        Assert.Equal(0, result.Iterations);
    }

    [Fact]
    public void A_time_limit_ends_a_long_run()
    {
        var result = new Momentum(new MomentumOptions { LearningRate = 1e-6 }).Minimize(
            Rosenbrock, [-1.2, 1], new StoppingCriteria { MaxIterations = int.MaxValue, GradientTolerance = 0, MaxTime = TimeSpan.FromMilliseconds(50) });

        Assert.Equal(StopReason.TimeLimit, result.Reason);
        Assert.True(result.Iterations > 0);
    }

    [Fact]
    public void FunctionTolerance_stops_when_an_iteration_changes_the_value_by_a_small_fraction()
    {
        var log = new ProgressLog();

        // Small fixed steps crawl along Rosenbrock's valley: the value changes by less and less.
        var result = new Momentum(new MomentumOptions { LearningRate = 1e-4, Momentum = 0 }).Minimize(
            Rosenbrock, [-1.2, 1], new StoppingCriteria { GradientTolerance = 0, FunctionTolerance = 1e-3, MaxIterations = 100_000 }, log);

        Assert.Equal(StopReason.FunctionTolerance, result.Reason);
        var (before, after) = (log.Reports[^2].Value, log.Reports[^1].Value);
        Assert.True(Math.Abs(before - after) <= 1e-3 * Math.Max(before, after));
        for (var k = 1; k < log.Reports.Count - 1; k++)
            Assert.True(Math.Abs(log.Reports[k - 1].Value - log.Reports[k].Value) > 1e-3 * Math.Max(log.Reports[k - 1].Value, log.Reports[k].Value));
    }

    [Fact]
    public void Out_of_range_criteria_throw_ArgumentOutOfRangeException()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lbfgs().Minimize(Rosenbrock, [0, 0], new StoppingCriteria { MaxIterations = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lbfgs().Minimize(Rosenbrock, [0, 0], new StoppingCriteria { GradientTolerance = double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lbfgs().Minimize(Rosenbrock, [0, 0], new StoppingCriteria { FunctionTolerance = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lbfgs().Minimize(Rosenbrock, [0, 0], new StoppingCriteria { MaxTime = TimeSpan.FromSeconds(-1) }));
    }

    [Fact]
    public void MaxIterations_zero_evaluates_the_start_only()
    {
        var result = new Lbfgs().Minimize(Rosenbrock, [-1.2, 1], new StoppingCriteria { MaxIterations = 0 });

        Assert.Equal(StopReason.MaxIterations, result.Reason);
        Assert.Equal(1, result.Evaluations);
        Assert.Equal(24.2, result.Value, 1e-12);
    }

    /// <summary>Cancels the token when the given iteration is reported.</summary>
    private sealed class CancelAt(int iteration, CancellationTokenSource source) : IProgress<OptimizationProgress>
    {
        public void Report(OptimizationProgress value)
        {
            if (value.Iteration == iteration) source.Cancel();
        }
    }
}
