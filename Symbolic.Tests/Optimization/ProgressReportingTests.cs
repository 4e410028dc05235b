using Symbolic.Optimization;

namespace Symbolic.Tests.Optimization;

public class ProgressReportingTests
{
    public static TheoryData<string> Optimizers => ["Lbfgs", "GradientDescent", "Adam"];

    private static Optimizer Make(string name) => OptimizerCatalog.Make(name);

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void There_is_one_report_per_iteration_numbered_from_zero_and_the_last_matches_the_result(string optimizer)
    {
        var log = new ProgressLog();

        var gradient = TestProblems.Rosenbrock.CompileGradient();
        var startValue = gradient([-1.2, 1], new double[2]);

        var result = Make(optimizer).Minimize(gradient, [-1.2, 1], new StoppingCriteria { MaxIterations = 300 }, log);

        Assert.Equal(result.Iterations + 1, log.Reports.Count);
        Assert.Equal(Enumerable.Range(0, log.Reports.Count), log.Reports.Select(r => r.Iteration));
        Assert.Equal(new OptimizationProgress(0, startValue, log.Reports[0].GradientNorm, 0), log.Reports[0]);
        Assert.Equal(result.Value, log.Reports[^1].Value);
        Assert.Equal(result.GradientNorm, log.Reports[^1].GradientNorm);
    }

    [Fact]
    public void The_reported_figures_are_those_of_the_iterates()
    {
        var log = new ProgressLog();
        var gradient = TestProblems.Quadratic.CompileGradient();

        new Momentum(new MomentumOptions { LearningRate = 0.05, Momentum = 0 }).Minimize(gradient, [4, 3, -2], new StoppingCriteria { MaxIterations = 1 }, log);

        // One plain gradient step by hand: x₁ = x₀ − η∇f(x₀).
        double[] x0 = [4, 3, -2];
        var g0 = new double[3];
        var f0 = gradient(x0, g0);
        double[] x1 = [.. x0.Zip(g0, (x, g) => x - 0.05 * g)];
        var g1 = new double[3];
        var f1 = gradient(x1, g1);
        Assert.Equal(new OptimizationProgress(0, f0, Norm(g0), 0), log.Reports[0]);
        Assert.Equal(f1, log.Reports[1].Value);
        Assert.Equal(Norm(g1), log.Reports[1].GradientNorm, 1e-12);
        Assert.Equal(0.05 * Norm(g0), log.Reports[1].Step, 1e-12);
    }

    [Fact]
    public void Lbfgs_reports_values_that_never_increase()
    {
        var log = new ProgressLog();

        new Lbfgs().Minimize(TestProblems.Rosenbrock.CompileGradient(), [-1.2, 1], progress: log);

        for (var k = 1; k < log.Reports.Count; k++) Assert.True(log.Reports[k].Value <= log.Reports[k - 1].Value, $"iteration {k}");
    }

    private static double Norm(double[] v) => Math.Sqrt(v.Sum(x => x * x));
}
