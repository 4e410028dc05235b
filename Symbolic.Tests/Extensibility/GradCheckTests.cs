using System.Linq.Expressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Symbolic.Verification;

namespace Symbolic.Tests.Extensibility;

/// <summary>GradCheck passes correct gradients and rules, and finds wrong ones with a readable report.</summary>
public class GradCheckTests
{
    private static readonly Expression<Func<double[], double>> Rosenbrock =
        x => 100 * Math.Pow(x[1] - x[0] * x[0], 2) + Math.Pow(1 - x[0], 2) + Functions.Softplus(x[2] * x[0]);

    [Fact]
    public void A_correct_gradient_passes()
    {
        var report = GradCheck.Check(Rosenbrock, [-1.2, 1.0, 0.5]);

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(3 + new GradCheckOptions().RandomDirections, report.Comparisons);
        Assert.True(report.Error <= 1);
    }

    [Fact]
    public void A_deliberately_wrong_rule_is_found_and_named()
    {
        var wrong = new DerivativeRegistry();
        wrong.Define(x => UserFunctions.Registered(x), x => Math.Sinh(x));  // sinh' is cosh, not sinh
        Expression<Func<double[], double>> f = p => p[0] * p[0] + UserFunctions.Registered(p[1]);

        var report = GradCheck.Check(f, wrong, [[0.5, 0.8]]);

        Assert.False(report.Passed);
        Assert.Equal(1, report.Component);
        Assert.Equal(Math.Sinh(0.8), report.Analytic, 1e-15);
        Assert.Equal(Math.Cosh(0.8), report.Numerical, 1e-8);
        Assert.Contains("FAILED", report.ToString());
        Assert.Contains("∂f/∂x[1]", report.ToString());
    }

    [Fact]
    public void A_correct_custom_rule_passes_at_many_points()
    {
        var registry = new DerivativeRegistry();
        registry.Define(x => UserFunctions.Registered(x), x => Math.Cosh(x));
        Expression<Func<double[], double>> f = p => UserFunctions.Registered(p[0] * p[1]) / (1 + p[1] * p[1]);
        var random = new Random(3);
        var points = Enumerable.Range(0, 20).Select(_ => new[] { 4 * random.NextDouble() - 2, 4 * random.NextDouble() - 2 }).ToList();

        var report = GradCheck.Check(f, registry, points);

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(20 * (2 + 8), report.Comparisons);
    }

    [Fact]
    public void A_hand_written_gradient_with_a_slip_is_caught()
    {
        Func<double[], double> f = x => Math.Sin(x[0]) * x[1];
        GradientFunc slipped = (x, g) => { g[0] = Math.Cos(x[0]) * x[1]; g[1] = Math.Cos(x[0]); return f(x); };

        var report = GradCheck.Check(f, slipped, [[0.3, 2.0]]);

        Assert.False(report.Passed);
        Assert.Equal(1, report.Component);
    }

    [Fact]
    public void Assert_throws_with_the_report_and_is_silent_when_the_gradient_agrees()
    {
        Func<double[], double> f = x => Math.Exp(x[0]) * x[1];
        GradientFunc slipped = (x, g) => { g[0] = Math.Exp(x[0]); g[1] = Math.Exp(x[0]); return f(x); };

        var error = Assert.Throws<GradCheckException>(() => GradCheck.Assert(f, slipped, [[0.2, 3.0]]));

        Assert.False(error.Report.Passed);
        Assert.Equal(0, error.Report.Component);
        Assert.Equal(error.Report.ToString(), error.Message);
        GradCheck.Assert(Rosenbrock, [0.3, -0.4, 1.5]);
    }

    [Fact]
    public void Points_can_come_from_a_random_generator()
    {
        var report = GradCheck.Check(Rosenbrock, random => [4 * random.NextDouble() - 2, 4 * random.NextDouble() - 2, random.NextDouble()], count: 30);

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(30 * (3 + 8), report.Comparisons);
    }

    [Property(MaxTest = 100)]
    public Property Users_write_a_gradient_property_in_one_line() =>
        Prop.ForAll(Gen.Choose(-2000, 2000).Two().ToArbitrary(), p => GradCheck.Agrees(Rosenbrock, [p.Item1 / 1000.0, p.Item2 / 1000.0, 0.25]));

    [Fact]
    public void Bad_options_and_points_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.Check(Rosenbrock, [1.0, 2.0, 3.0], new GradCheckOptions { Step = 0 }));
        Assert.Throws<ArgumentException>(() => GradCheck.Check(Rosenbrock.Compile(), Rosenbrock.CompileGradient(), [Array.Empty<double>()]));
    }
}
