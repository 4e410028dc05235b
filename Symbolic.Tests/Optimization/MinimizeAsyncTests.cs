using Symbolic.Optimization;

namespace Symbolic.Tests.Optimization;

public class MinimizeAsyncTests
{
    private static readonly GradientFunc Rosenbrock = TestProblems.Rosenbrock.CompileGradient();

    public static TheoryData<string> Optimizers => OptimizerCatalog.Names;

    private static Optimizer Make(string name) => OptimizerCatalog.Make(name);

    [Theory]
    [MemberData(nameof(Optimizers))]
    public async Task An_asynchronous_objective_gives_the_same_iterates_bit_for_bit_as_the_synchronous_run(string optimizer)
    {
        var stopping = new StoppingCriteria { MaxIterations = 60 };
        var syncPoints = new List<double[]>();
        var (syncLog, asyncLog) = (new ProgressLog(), new ProgressLog());
        var expected = Make(optimizer).Minimize((x, g) => { syncPoints.Add((double[])x.Clone()); return Rosenbrock(x, g); }, [-1.2, 1], stopping, syncLog);
        var objective = new YieldingObjective(Rosenbrock);

        var actual = await Make(optimizer).MinimizeAsync(objective, [-1.2, 1], stopping, asyncLog);

        Assert.Equal(expected.Reason, actual.Reason);
        Assert.Equal(expected.Iterations, actual.Iterations);
        Assert.Equal(expected.Evaluations, actual.Evaluations);
        Assert.Equal(Bits(expected.Minimizer), Bits(actual.Minimizer));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Value), BitConverter.DoubleToInt64Bits(actual.Value));
        Assert.Equal(syncPoints.Select(Bits), objective.Points.Select(Bits));
        Assert.Equal(syncLog.Reports.Select(r => (r.Iteration, r.Value, r.GradientNorm, r.Step)), asyncLog.Reports.Select(r => (r.Iteration, r.Value, r.GradientNorm, r.Step)));
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public async Task Cancelling_during_an_evaluation_abandons_it_and_returns_the_last_accepted_point(string optimizer)
    {
        using var cancellation = new CancellationTokenSource();
        var log = new ProgressLog();
        var objective = new YieldingObjective(Rosenbrock)
        {
            BeforeCall = async (call, token) =>
            {
                if (call < 12) return;
                cancellation.Cancel();
                await Task.Delay(Timeout.Infinite, token);   // an evaluation that only ends by cancellation
            },
        };

        var result = await Make(optimizer).MinimizeAsync(objective, [-1.2, 1], new StoppingCriteria { MaxIterations = 1000 }, log, cancellation.Token);

        Assert.Equal(StopReason.Cancelled, result.Reason);
        Assert.Equal(12, objective.Points.Count);
        var last = log.Reports[^1];
        Assert.Equal(last.Iteration, result.Iterations);
        Assert.Equal(last.Value, result.Value);
        Assert.Equal(last.Value, Rosenbrock(result.Minimizer, new double[2]));
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public async Task An_exception_of_the_objective_propagates_through_the_task(string optimizer)
    {
        var objective = new YieldingObjective(Rosenbrock)
        {
            BeforeCall = (call, _) => call == 5 ? throw new InvalidOperationException("the cluster is down") : Task.CompletedTask,
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Make(optimizer).MinimizeAsync(objective, [-1.2, 1]));

        Assert.Equal("the cluster is down", error.Message);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void A_cancellation_inside_an_evaluation_stops_the_run_before_any_further_evaluation(string optimizer)
    {
        // Regression: L-BFGS's line search ran on for 21 evaluations after the cancel and reported LineSearchFailed.
        using var cancellation = new CancellationTokenSource();
        var calls = 0;
        var result = Make(optimizer).Minimize((x, g) =>
        {
            if (++calls == 2) cancellation.Cancel();   // inside the first line search
            return Rosenbrock(x, g);
        }, [-1.2, 1], new StoppingCriteria { MaxIterations = 1000 }, cancellationToken: cancellation.Token);

        Assert.Equal(StopReason.Cancelled, result.Reason);
        Assert.Equal(2, calls);
        Assert.Equal(2, result.Evaluations);
    }

    [Fact]
    public async Task MinimizeAsync_names_a_null_argument()
    {
        var objective = new YieldingObjective(Rosenbrock);

        Assert.Equal("objective", Assert.Throws<ArgumentNullException>(() => { _ = new Lbfgs().MinimizeAsync(null!, [1.0]); }).ParamName);
        Assert.Equal("start", Assert.Throws<ArgumentNullException>(() => { _ = new Lbfgs().MinimizeAsync(objective, null!); }).ParamName);
        await Task.CompletedTask;
    }

    private static long[] Bits(double[] x) => [.. x.Select(BitConverter.DoubleToInt64Bits)];
}
