using Symbolic.Optimization;

namespace Symbolic.Tests.Optimization;

/// <summary>
/// The optimisers on float parameters (<see cref="Optimizer.Minimize(SingleGradientFunc, float[], StoppingCriteria?, IProgress{OptimizationProgress}?, CancellationToken)"/>),
/// with hand-written float gradients: they converge on a quadratic and on Rosenbrock, to the minimiser and to the
/// double run's answer within float's precision, and small steps are not lost to float rounding.
/// </summary>
public class SingleOptimizerTests
{
    /// <summary>½(x − c)ᵀA(x − c), A = [[4, 1, 0], [1, 2, 0], [0, 0, 10]], c = (1, −2, 0.5), in float, and its gradient.</summary>
    private static float Quadratic(float[] x, float[] g)
    {
        var (u, v, w) = (x[0] - 1, x[1] + 2, x[2] - 0.5f);
        (g[0], g[1], g[2]) = (4 * u + v, u + 2 * v, 10 * w);
        return 2 * u * u + u * v + v * v + 5 * w * w;
    }

    private static double Quadratic(double[] x, double[] g)
    {
        var (u, v, w) = (x[0] - 1, x[1] + 2, x[2] - 0.5);
        (g[0], g[1], g[2]) = (4 * u + v, u + 2 * v, 10 * w);
        return 2 * u * u + u * v + v * v + 5 * w * w;
    }

    /// <summary>Rosenbrock's valley in float, 100(y − x²)² + (1 − x)², and its gradient.</summary>
    private static float Rosenbrock(float[] x, float[] g)
    {
        var (a, b) = (x[1] - x[0] * x[0], 1 - x[0]);
        g[0] = -400 * a * x[0] - 2 * b;
        g[1] = 200 * a;
        return 100 * a * a + b * b;
    }

    private static double Rosenbrock(double[] x, double[] g)
    {
        var (a, b) = (x[1] - x[0] * x[0], 1 - x[0]);
        g[0] = -400 * a * x[0] - 2 * b;
        g[1] = 200 * a;
        return 100 * a * a + b * b;
    }

    // Float gradients stall near 1e-6 relative: a tolerance float can reach.
    private static readonly StoppingCriteria FloatStopping = new() { GradientTolerance = 1e-4, MaxIterations = 20_000 };

    [Theory]
    [MemberData(nameof(OptimizerCatalog.Names), MemberType = typeof(OptimizerCatalog))]
    public void Every_optimiser_finds_the_quadratics_minimum_in_float_as_in_double(string name)
    {
        var optimizer = OptimizerCatalog.Make(name);
        float[] start = [3, 1, -1];
        var single = optimizer.Minimize(Quadratic, start, FloatStopping);
        var twin = optimizer.Minimize(Quadratic, [3.0, 1, -1], new StoppingCriteria { GradientTolerance = 1e-8, MaxIterations = 20_000 });

        Assert.Equal([3f, 1, -1], start); // not modified
        Assert.IsType<float[]>(single.Minimizer);
        // The gradient tolerance 1e-4 on a quadratic whose Hessian's smallest eigenvalue is ≈ 1.6 bounds the distance by ≈ 1e-4.
        double[] minimizer = [1, -2, 0.5];
        for (var i = 0; i < 3; i++)
        {
            Assert.InRange(single.Minimizer[i], minimizer[i] - 2e-4, minimizer[i] + 2e-4);
            Assert.InRange(single.Minimizer[i], twin.Minimizer[i] - 2e-4, twin.Minimizer[i] + 2e-4);
        }
        Assert.True(single.GradientNorm <= 1e-4 || single.Reason is StopReason.LineSearchFailed, $"{name}: {single}");
    }

    [Theory]
    [InlineData("Lbfgs")]
    [InlineData("GradientDescent")]
    public void Line_search_optimisers_walk_Rosenbrocks_valley_in_float(string name)
    {
        var optimizer = OptimizerCatalog.Make(name);
        var single = optimizer.Minimize(Rosenbrock, [-1.2f, 1f], FloatStopping);
        var twin = optimizer.Minimize(Rosenbrock, [-1.2, 1.0], new StoppingCriteria { GradientTolerance = 1e-4, MaxIterations = 20_000 });

        // Near (1, 1) the valley's floor is flat to float's precision along its axis: 3e-3 is the scale of a float answer.
        Assert.InRange(single.Minimizer[0], 1 - 3e-3, 1 + 3e-3);
        Assert.InRange(single.Minimizer[1], 1 - 6e-3, 1 + 6e-3);
        Assert.InRange(single.Minimizer[0], twin.Minimizer[0] - 3e-3, twin.Minimizer[0] + 3e-3);
        Assert.True(single.Value < 1e-5, $"{name}: {single}");
        Assert.True(single.Evaluations > 2 && single.Iterations > 0);
    }

    [Fact]
    public void Small_steps_accumulate_in_double_rather_than_vanish_in_float()
    {
        // f(w) = w from w = 1000: Adam's steps of ≈ 1e-5 are below half an ulp of 1000f (3e-5), so a float update
        // w − step would leave w at 1000 for ever; the double master copy moves it by ≈ 200 steps' worth.
        static float Line(float[] w, float[] g)
        {
            g[0] = 1;
            return w[0];
        }
        var result = new Adam(new AdamOptions { LearningRate = 1e-5 }).Minimize(Line, [1000f], new StoppingCriteria { MaxIterations = 200, GradientTolerance = 0 });

        Assert.Equal(StopReason.MaxIterations, result.Reason);
        Assert.InRange(result.Minimizer[0], 1000 - 2.2e-3, 1000 - 1.8e-3);
    }

    [Fact]
    public void Float_progress_reports_carry_the_widened_parameters()
    {
        var reports = new List<(int Iteration, double[] Parameters)>();
        var progress = new SynchronousProgress(report => reports.Add((report.Iteration, report.Parameters.ToArray())));
        var result = new Lbfgs().Minimize(Quadratic, [3f, 1, -1], FloatStopping, progress);

        Assert.Equal(result.Iterations + 1, reports.Count);
        Assert.Equal([3.0, 1, -1], reports[0].Parameters);
        Assert.Equal(result.Minimizer.Select(v => (double)v), reports[^1].Parameters);
    }

    [Fact]
    public void Null_float_arguments_are_named()
    {
        Assert.Equal("objective", Assert.Throws<ArgumentNullException>(() => new Lbfgs().Minimize((SingleGradientFunc)null!, [1f])).ParamName);
        Assert.Equal("start", Assert.Throws<ArgumentNullException>(() => new Lbfgs().Minimize(Quadratic, (float[])null!)).ParamName);
    }

    private sealed class SynchronousProgress(Action<OptimizationProgress> report) : IProgress<OptimizationProgress>
    {
        public void Report(OptimizationProgress value) => report(value);
    }
}
