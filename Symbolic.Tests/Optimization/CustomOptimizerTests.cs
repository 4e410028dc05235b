using System.Linq.Expressions;
using Symbolic.Optimization;

namespace Symbolic.Tests.Optimization;

public class CustomOptimizerTests
{
    /// <summary>An optimiser written outside the library: SGD with Nesterov momentum, v ← μv + g, x ← x − η(g + μv).</summary>
    private sealed class NesterovSgd(double rate, double momentum) : StochasticOptimizer
    {
        public List<NesterovStepper> Created { get; } = [];

        public override Stepper CreateStepper(int dimension)
        {
            var stepper = new NesterovStepper(rate, momentum, dimension);
            Created.Add(stepper);
            return stepper;
        }
    }

    private sealed class NesterovStepper(double rate, double momentum, int dimension) : Stepper(dimension)
    {
        private readonly double[] _velocity = new double[dimension];

        protected override double Update(Span<double> parameters, ReadOnlySpan<double> gradient, int step)
        {
            var squared = 0.0;
            for (var i = 0; i < parameters.Length; i++)
            {
                _velocity[i] = momentum * _velocity[i] + gradient[i];
                var moved = rate * (gradient[i] + momentum * _velocity[i]);
                parameters[i] -= moved;
                squared += moved * moved;
            }
            return Math.Sqrt(squared);
        }
    }

    private sealed class NullStepperOptimizer : StochasticOptimizer
    {
        public override Stepper CreateStepper(int dimension) => null!;
    }

    private static readonly GradientFunc Quadratic = TestProblems.Quadratic.CompileGradient();

    [Fact]
    public void A_stepper_refuses_parameters_of_another_length_than_it_was_created_for_naming_them()
    {
        var stepper = new Adam().CreateStepper(3);

        var error = Assert.Throws<ArgumentException>(() => stepper.Step(new double[5], new double[5]));
        Assert.Equal("parameters", error.ParamName);
        Assert.Equal(0, stepper.Steps);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Momentum().CreateStepper(-1));
    }

    [Fact]
    public void A_user_defined_optimiser_minimises_a_quadratic_through_Minimize_one_step_per_iteration()
    {
        var optimizer = new NesterovSgd(0.05, 0.9);

        var result = optimizer.Minimize(Quadratic, [4, 3, -2], new StoppingCriteria { GradientTolerance = 1e-9, MaxIterations = 20_000 });

        Assert.Equal(StopReason.GradientTolerance, result.Reason);
        Assert.True(TestProblems.MaxDistance(result.Minimizer, TestProblems.QuadraticMinimizer) <= 1e-8);
        Assert.Equal(result.Iterations, Assert.Single(optimizer.Created).Steps);
    }

    [Fact]
    public async Task A_user_defined_optimiser_runs_through_MinimizeAsync_with_the_same_iterates()
    {
        var stopping = new StoppingCriteria { MaxIterations = 50 };
        var expected = new NesterovSgd(0.05, 0.9).Minimize(Quadratic, [4, 3, -2], stopping);

        var actual = await new NesterovSgd(0.05, 0.9).MinimizeAsync(new YieldingObjective(Quadratic), [4, 3, -2], stopping);

        Assert.Equal(expected.Minimizer, actual.Minimizer);
        Assert.Equal(expected.Value, actual.Value);
    }

    [Fact]
    public void A_user_defined_optimiser_trains_a_linear_model_through_MinibatchSgd()
    {
        Expression<Func<double[], double[][], double>> mse = (w, rows) => rows.Average(r => Math.Pow(w[0] * r[0] + w[1] * r[1] + w[2] - r[2], 2));
        var random = new Random(5);
        var rows = Enumerable.Range(0, 300).Select(_ =>
        {
            var (x0, x1) = (random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1);
            return new[] { x0, x1, 2 * x0 - 3 * x1 + 0.5 };
        }).ToArray();
        var rule = new NesterovSgd(0.02, 0.9);

        var result = new MinibatchSgd(rule, new MinibatchOptions { BatchSize = 20, Seed = 1 })
            .Minimize(mse.CompileGradient(), rows, new double[3], new StoppingCriteria { GradientTolerance = 1e-10, MaxIterations = 400 });

        Assert.Equal(StopReason.GradientTolerance, result.Reason);
        Assert.True(TestProblems.MaxDistance(result.Minimizer, [2, -3, 0.5]) <= 1e-8);
        Assert.Equal(result.Iterations * 15, Assert.Single(rule.Created).Steps);   // 300 rows in batches of 20
    }

    [Fact]
    public void An_optimiser_whose_CreateStepper_returns_null_is_named_in_the_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new NullStepperOptimizer().Minimize(Quadratic, [0.0, 0, 0]));

        Assert.Contains("NullStepperOptimizer.CreateStepper", error.Message);
    }

    [Fact]
    public void A_stepper_given_a_gradient_of_another_length_names_it()
    {
        var stepper = new Adam().CreateStepper(3);

        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => stepper.Step(new double[3], new double[2])).ParamName);
    }
}
