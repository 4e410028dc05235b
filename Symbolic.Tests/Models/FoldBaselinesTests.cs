using Symbolic.Bench.Folds;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Models;

/// <summary>
/// The hand-written baselines of the fold benchmarks (Symbolic.Bench/Folds, compiled into this project) are right:
/// the Elman network's backpropagation through time against finite differences of its forward pass, and the
/// Runge–Kutta integration of Lotka–Volterra against the system's conserved quantity and RK4's order.
/// </summary>
public class FoldBaselinesTests
{
    [Fact]
    public void Hand_written_BPTT_matches_finite_differences_in_every_component_of_a_small_network()
    {
        var model = new ElmanRnn(inputs: 3, hidden: 5, steps: 7, batch: 4, seed: 3);
        var p = model.Point(seed: 4);
        var gradient = new double[model.Parameters];

        var value = model.Gradient(p, gradient);

        Assert.Equal(model.Value(p), value, 1e-15);
        for (var i = 0; i < p.Length; i++) AssertComponent(model, p, gradient, i);
    }

    [Fact]
    public void Hand_written_BPTT_of_the_benchmark_network_matches_finite_differences_and_reuses_its_buffers()
    {
        var model = new ElmanRnn(inputs: 8, hidden: 32, steps: 100, batch: 16, seed: 1);
        var p = model.Point(seed: 2);
        var (gradient, again) = (new double[model.Parameters], new double[model.Parameters]);

        var value = model.Gradient(p, gradient);

        // A second call over the same buffers gives the same bits.
        Assert.Equal(value, model.Gradient(p, again));
        Assert.Equal(gradient, again);
        var random = new Random(5);
        // Components of W, U and b, the last of each block included.
        int[] components = [0, model.Hidden * model.Hidden - 1, model.Hidden * model.Hidden, model.Parameters - model.Hidden - 1, model.Parameters - 1,
            .. Enumerable.Range(0, 15).Select(_ => random.Next(model.Parameters))];
        foreach (var i in components) AssertComponent(model, p, gradient, i);
    }

    [Fact]
    public void RK4_keeps_the_Lotka_Volterra_invariant_over_1000_steps()
    {
        var p = LotkaVolterra.Point();
        var start = LotkaVolterra.Invariant(p, p[4], p[5]);

        var (x, y) = LotkaVolterra.Simulate(p, steps: 1000, dt: 0.01);

        Assert.Equal(start, LotkaVolterra.Invariant(p, x, y), 1e-9 * Math.Abs(start));
        // And the populations did move: about one cycle.
        Assert.True(Math.Abs(x - p[4]) + Math.Abs(y - p[5]) > 1, $"the state barely moved: ({x}, {y})");
    }

    [Fact]
    public void RK4_is_fourth_order_halving_the_step_divides_the_error_by_16()
    {
        var p = LotkaVolterra.Point();

        var coarse = LotkaVolterra.Simulate(p, steps: 40, dt: 0.25);
        var fine = LotkaVolterra.Simulate(p, steps: 80, dt: 0.125);
        var finer = LotkaVolterra.Simulate(p, steps: 160, dt: 0.0625);

        var ratio = (coarse.X - fine.X) / (fine.X - finer.X);
        Assert.InRange(ratio, 12, 20);
    }

    private static void AssertComponent(ElmanRnn model, double[] p, double[] gradient, int i)
    {
        var point = (double[])p.Clone();
        var estimate = FiniteDifference.Derivative(t =>
        {
            point[i] = t;
            return model.Value(point);
        }, p[i], initialStep: 0.01);
        point[i] = p[i];
        Assert.True(Math.Abs(estimate.Derivative - gradient[i]) <= 1e-8 + 1e-6 * Math.Abs(gradient[i]),
            $"∂L/∂p[{i}]: BPTT {gradient[i]:R}, finite differences {estimate.Derivative:R} (± {estimate.Error:G2})");
    }
}
