using System.Linq.Expressions;
using Symbolic.Optimization;

namespace Symbolic.Tests.Optimization;

public class StochasticOptimizerTests
{
    public static TheoryData<string> Rules => ["Adam", "Momentum", "Nesterov", "Plain"];

    private static StochasticOptimizer Make(string rule) => rule switch
    {
        "Adam" => new Adam(new AdamOptions { LearningRate = 0.05 }),
        "Momentum" => new Momentum(new MomentumOptions { LearningRate = 0.05 }),
        "Nesterov" => new Momentum(new MomentumOptions { LearningRate = 0.05, Nesterov = true }),
        "Plain" => new Momentum(new MomentumOptions { LearningRate = 0.05, Momentum = 0 }),
        _ => throw new ArgumentException(rule),
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_fixed_step_rule_minimises_a_convex_quadratic(string rule)
    {
        var result = Make(rule).Minimize(TestProblems.Quadratic.CompileGradient(), [4, 3, -2], new StoppingCriteria { GradientTolerance = 1e-7, MaxIterations = 20_000 });

        Assert.Equal(StopReason.GradientTolerance, result.Reason);
        Assert.True(TestProblems.MaxDistance(result.Minimizer, TestProblems.QuadraticMinimizer) <= 1e-6);
    }

    [Fact]
    public void Adam_minimises_Rosenbrock()
    {
        var result = new Adam(new AdamOptions { LearningRate = 0.02 }).Minimize(
            TestProblems.Rosenbrock.CompileGradient(), [-1.2, 1], new StoppingCriteria { GradientTolerance = 1e-6, MaxIterations = 20_000 });

        Assert.Equal(StopReason.GradientTolerance, result.Reason);
        Assert.True(TestProblems.MaxDistance(result.Minimizer, [1, 1]) <= 1e-5);
    }

    [Fact]
    public void Momentum_minimises_Rosenbrock()
    {
        var result = new Momentum(new MomentumOptions { LearningRate = 1e-3 }).Minimize(
            TestProblems.Rosenbrock.CompileGradient(), [-1.2, 1], new StoppingCriteria { GradientTolerance = 1e-6, MaxIterations = 20_000 });

        Assert.Equal(StopReason.GradientTolerance, result.Reason);
        Assert.True(TestProblems.MaxDistance(result.Minimizer, [1, 1]) <= 1e-5);
    }

    [Fact]
    public void Adams_first_step_has_the_learning_rate_as_length_per_coordinate()
    {
        var log = new ProgressLog();

        // Bias correction makes the first step α·sign(g) in every coordinate (up to ε).
        new Adam(new AdamOptions { LearningRate = 0.1 }).Minimize(TestProblems.Quadratic.CompileGradient(), [4, 3, -2], new StoppingCriteria { MaxIterations = 1 }, log);

        Assert.Equal(0.1 * Math.Sqrt(3), log.Reports[1].Step, 1e-9);
    }

    [Fact]
    public void A_learning_rate_that_diverges_stops_with_NotFinite_at_the_last_finite_point()
    {
        Expression<Func<double[], double>> f = x => Math.Exp(x[0] * x[0]);
        var log = new ProgressLog();

        var result = new Momentum(new MomentumOptions { LearningRate = 10, Momentum = 0 }).Minimize(f.CompileGradient(), [1], new StoppingCriteria { MaxIterations = 100 }, log);

        Assert.Equal(StopReason.NotFinite, result.Reason);
        Assert.True(double.IsFinite(result.Value) && double.IsFinite(result.Minimizer[0]));
        Assert.Equal(log.Reports[^1].Value, result.Value);
    }

    [Fact]
    public void Out_of_range_options_throw_when_the_optimiser_is_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(new AdamOptions { LearningRate = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(new AdamOptions { Beta1 = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(new AdamOptions { Epsilon = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Momentum(new MomentumOptions { Momentum = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Momentum(new MomentumOptions { LearningRate = double.PositiveInfinity }));
    }
}
