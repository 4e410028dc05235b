using System.Linq.Expressions;
using Symbolic.Optimization;

namespace Symbolic.Tests.Optimization;

public class EarlyStoppingTests
{
    private static readonly GradientFunc Rosenbrock = TestProblems.Rosenbrock.CompileGradient();

    private static readonly Func<double[], double> RosenbrockValue = TestProblems.Rosenbrock.Compile();

    public static TheoryData<string> Optimizers => OptimizerCatalog.Names;

    private static Optimizer Make(string name) => OptimizerCatalog.Make(name);

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Every_report_carries_the_parameters_whose_value_it_reports(string optimizer)
    {
        var checkedReports = 0;
        var progress = new Reporter(report =>
        {
            Assert.Equal(2, report.Parameters.Length);
            Assert.Equal(RosenbrockValue(report.Parameters.ToArray()), report.Value);
            checkedReports++;
        });

        var result = Make(optimizer).Minimize(Rosenbrock, [-1.2, 1], new StoppingCriteria { MaxIterations = 30 }, progress);

        Assert.Equal(result.Iterations + 1, checkedReports);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void A_StopWhen_callback_stops_the_run_at_the_reported_point(string optimizer)
    {
        double[]? atFive = null;
        var stopping = new StoppingCriteria
        {
            MaxIterations = 1000,
            StopWhen = report => (atFive = report.Iteration == 5 ? report.Parameters.ToArray() : atFive) is not null,
        };

        var result = Make(optimizer).Minimize(Rosenbrock, [-1.2, 1], stopping);

        Assert.Equal(StopReason.StopRequested, result.Reason);
        Assert.Equal(5, result.Iterations);
        Assert.Equal(atFive, result.Minimizer);
        Assert.False(result.Converged);
    }

    [Fact]
    public void A_StopWhen_callback_can_stop_at_the_start_point()
    {
        var result = new Lbfgs().Minimize(Rosenbrock, [-1.2, 1], new StoppingCriteria { StopWhen = _ => true });

        Assert.Equal(StopReason.StopRequested, result.Reason);
        Assert.Equal(0, result.Iterations);
        Assert.Equal([-1.2, 1], result.Minimizer);
    }

    [Fact]
    public void Minibatch_training_stops_early_when_the_held_out_loss_stops_improving()
    {
        // Noisy training rows and a held-out set: stop after two epochs without a better held-out loss.
        Expression<Func<double[], double[][], double>> mse = (w, rows) => rows.Average(r => Math.Pow(w[0] * r[0] + w[1] - r[1], 2));
        var random = new Random(11);
        double[][] Rows(int n) => [.. Enumerable.Range(0, n).Select(_ => { var x = random.NextDouble() * 2 - 1; return new[] { x, 1.5 * x - 0.5 + (random.NextDouble() - 0.5) }; })];
        var (train, heldOut) = (Rows(200), Rows(100));
        var heldOutLoss = mse.Compile();
        var (best, sinceBest, epochsSeen) = (double.PositiveInfinity, 0, 0);
        var stopping = new StoppingCriteria
        {
            MaxIterations = 500,
            StopWhen = report =>
            {
                epochsSeen++;
                var loss = heldOutLoss(report.Parameters.ToArray(), heldOut);
                (best, sinceBest) = loss < best ? (loss, 0) : (best, sinceBest + 1);
                return sinceBest >= 2;
            },
        };

        var result = new MinibatchSgd(new Momentum(new MomentumOptions { LearningRate = 0.05 }), new MinibatchOptions { BatchSize = 10 })
            .Minimize(mse.CompileGradient(), train, new double[2], stopping);

        Assert.Equal(StopReason.StopRequested, result.Reason);
        Assert.True(result.Iterations < 500);
        Assert.Equal(result.Iterations + 1, epochsSeen);
        Assert.Equal(2, sinceBest);
    }

    private sealed class Reporter(Action<OptimizationProgress> report) : IProgress<OptimizationProgress>
    {
        public void Report(OptimizationProgress value) => report(value);
    }
}
