using Symbolic.Optimization;

namespace Symbolic.Tests.Optimization;

public class GradientDescentTests
{
    [Fact]
    public void Gradient_descent_with_a_line_search_minimises_a_convex_quadratic()
    {
        var result = new GradientDescent().Minimize(TestProblems.Quadratic.CompileGradient(), [4, 3, -2], new StoppingCriteria { GradientTolerance = 1e-10 });

        Assert.Equal(StopReason.GradientTolerance, result.Reason);
        Assert.True(TestProblems.MaxDistance(result.Minimizer, TestProblems.QuadraticMinimizer) <= 1e-10);
    }

    [Fact]
    public void Every_accepted_step_decreases_the_function_by_the_Armijo_amount()
    {
        var log = new ProgressLog();
        const double c1 = 0.25;

        new GradientDescent(new GradientDescentOptions { SufficientDecrease = c1 }).Minimize(
            TestProblems.Rosenbrock.CompileGradient(), [-1.2, 1], new StoppingCriteria { MaxIterations = 500 }, log);

        // The step reported is α·|∇f| along −∇f, so the Armijo condition reads f₊ ≤ f − c₁·step·|∇f|.
        for (var k = 1; k < log.Reports.Count; k++)
        {
            var (before, after) = (log.Reports[k - 1], log.Reports[k]);
            Assert.True(after.Value <= before.Value - c1 * after.Step * before.GradientNorm, $"iteration {k}");
        }
    }

    [Fact]
    public void The_step_grows_again_after_the_search_shrinks_it()
    {
        var log = new ProgressLog();

        // A first trial step of 1000 must be shrunk about ten times; later steps need not start that small.
        var result = new GradientDescent(new GradientDescentOptions { InitialStep = 1000 }).Minimize(
            TestProblems.ScaledSphere.CompileGradient(), new double[8], new StoppingCriteria { GradientTolerance = 1e-9 }, log);

        Assert.Equal(StopReason.GradientTolerance, result.Reason);
        Assert.True(result.Evaluations < 3 * result.Iterations + 20, $"{result.Evaluations} evaluations for {result.Iterations} iterations");
    }

    [Fact]
    public void An_uphill_gradient_stops_with_LineSearchFailed_at_the_start_point()
    {
        GradientFunc uphill = (x, g) =>
        {
            g[0] = -2 * x[0];
            return x[0] * x[0];
        };

        var result = new GradientDescent().Minimize(uphill, [3]);

        Assert.Equal(StopReason.LineSearchFailed, result.Reason);
        Assert.Equal([3.0], result.Minimizer);
        Assert.Equal(0, result.Iterations);
    }

    [Fact]
    public void Out_of_range_options_throw_when_the_optimiser_is_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientDescent(new GradientDescentOptions { Shrink = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientDescent(new GradientDescentOptions { InitialStep = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientDescent(new GradientDescentOptions { Growth = 0.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientDescent(new GradientDescentOptions { MaxTrials = 0 }));
    }
}
