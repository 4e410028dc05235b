using Symbolic.Optimization;

namespace Symbolic.Tests.Optimization;

public class LearningRateScheduleTests
{
    /// <summary>f(x) = ½|x|², whose gradient is x.</summary>
    private static double HalfSquare(double[] x, double[] gradient)
    {
        var value = 0.0;
        for (var i = 0; i < x.Length; i++) (gradient[i], value) = (x[i], value + 0.5 * x[i] * x[i]);
        return value;
    }

    private static readonly StoppingCriteria Steps5 = new() { MaxIterations = 5, GradientTolerance = 0 };

    [Fact]
    public void Step_decay_halves_the_factor_every_three_steps()
    {
        var schedule = LearningRateSchedule.StepDecay(3, 0.5);

        Assert.Equal([1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25], Enumerable.Range(0, 8).Select(schedule.Factor));
    }

    [Fact]
    public void Exponential_decay_is_the_power_of_the_step()
    {
        var schedule = LearningRateSchedule.Exponential(0.9);

        Assert.Equal(1, schedule.Factor(0));
        Assert.Equal(0.9 * 0.9 * 0.9, schedule.Factor(3), 1e-15);
        Assert.Equal(Math.Exp(100 * Math.Log(0.9)), schedule.Factor(100), 1e-15);
    }

    [Fact]
    public void Cosine_annealing_falls_from_one_to_the_minimum_through_the_midpoint()
    {
        var schedule = LearningRateSchedule.Cosine(10, minimum: 0.1);
        var quarter = LearningRateSchedule.Cosine(4);

        Assert.Equal(1, schedule.Factor(0), 1e-15);
        Assert.Equal(0.55, schedule.Factor(5), 1e-15);                          // cos(π/2) = 0: halfway between 1 and 0.1
        Assert.Equal((1 + Math.Sqrt(0.5)) / 2, quarter.Factor(1), 1e-15);   // cos(π/4)
        Assert.Equal(0.1, schedule.Factor(10), 1e-15);
        Assert.Equal(0.1, schedule.Factor(1000), 1e-15);
    }

    [Fact]
    public void Warm_up_rises_linearly_then_hands_over_to_the_next_schedule_from_its_step_zero()
    {
        var schedule = LearningRateSchedule.WarmUp(4, LearningRateSchedule.StepDecay(2, 0.5));

        Assert.Equal([0.25, 0.5, 0.75, 1, 1, 1, 0.5, 0.5, 0.25], Enumerable.Range(0, 9).Select(schedule.Factor));
        Assert.Equal([0.5, 1, 1, 1], Enumerable.Range(0, 4).Select(LearningRateSchedule.WarmUp(2).Factor));
    }

    [Fact]
    public void Plain_SGD_with_a_schedule_takes_the_scheduled_steps_on_a_quadratic()
    {
        // On ½x², SGD's step is x ← x·(1 − η·s(t)): after five steps x₀·Π(1 − η·s(t)).
        var schedule = LearningRateSchedule.WarmUp(2, LearningRateSchedule.Exponential(0.5));
        var optimizer = new Momentum(new MomentumOptions { LearningRate = 0.4, Momentum = 0, Schedule = schedule });

        var result = optimizer.Minimize(HalfSquare, [3.0], Steps5);

        double[] factors = [0.5, 1, 1, 0.5, 0.25];
        var expected = factors.Aggregate(3.0, (x, s) => x * (1 - 0.4 * s));
        Assert.Equal(expected, result.Minimizer[0], 1e-14);
    }

    [Fact]
    public void Adam_with_a_schedule_scales_its_first_step_by_the_first_factor()
    {
        // Adam's first step is α·s(0)·g/(|g| + ε) per component (m̂ = g, v̂ = g²).
        var optimizer = new Adam(new AdamOptions { LearningRate = 0.1, Schedule = LearningRateSchedule.WarmUp(4) });

        var result = optimizer.Minimize(HalfSquare, [2.0, -0.5], new StoppingCriteria { MaxIterations = 1, GradientTolerance = 0 });

        Assert.Equal(2.0 - 0.025 * 2 / (2 + 1e-8), result.Minimizer[0], 1e-15);
        Assert.Equal(-0.5 + 0.025 * 0.5 / (0.5 + 1e-8), result.Minimizer[1], 1e-15);
    }

    [Fact]
    public void AdamW_decays_the_weights_apart_from_the_gradient_step_two_steps_by_hand()
    {
        const double alpha = 0.1, lambda = 0.5, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        var optimizer = new Adam(new AdamOptions { LearningRate = alpha, WeightDecay = lambda, Schedule = LearningRateSchedule.StepDecay(1, 0.5) });

        var result = optimizer.Minimize(HalfSquare, [2.0], new StoppingCriteria { MaxIterations = 2, GradientTolerance = 0 });

        // Step 1 (rate α): g = 2, m = 0.2, v = 0.004; m̂ = 2, v̂ = 4.
        var x1 = 2 * (1 - alpha * lambda) - alpha * 2 / (2 + eps);
        // Step 2 (rate α/2): g = x1.
        var (m, v) = (beta1 * 0.1 * 2 + 0.1 * x1, beta2 * 0.001 * 4 + 0.001 * x1 * x1);
        var (mHat, vHat) = (m / (1 - beta1 * beta1), v / (1 - beta2 * beta2));
        var x2 = x1 * (1 - alpha / 2 * lambda) - alpha / 2 * mHat / (Math.Sqrt(vHat) + eps);
        Assert.Equal(x2, result.Minimizer[0], 1e-14);
    }

    [Fact]
    public void A_weight_decay_of_zero_is_plain_Adam_bit_for_bit()
    {
        var plain = new Adam(new AdamOptions { LearningRate = 0.05 }).Minimize(TestProblems.Rosenbrock.CompileGradient(), [-1.2, 1], Steps5);
        var decayed = new Adam(new AdamOptions { LearningRate = 0.05, WeightDecay = 0 }).Minimize(TestProblems.Rosenbrock.CompileGradient(), [-1.2, 1], Steps5);

        Assert.Equal(plain.Minimizer, decayed.Minimizer);
    }

    [Fact]
    public void Out_of_range_schedules_and_weight_decays_are_named()
    {
        Assert.Equal("every", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.StepDecay(0, 0.5)).ParamName);
        Assert.Equal("factor", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.StepDecay(3, 1.5)).ParamName);
        Assert.Equal("decay", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Exponential(0)).ParamName);
        Assert.Equal("minimum", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Cosine(10, -0.1)).ParamName);
        Assert.Equal("steps", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.WarmUp(0)).ParamName);
        Assert.Equal("WeightDecay", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(new AdamOptions { WeightDecay = -1 })).ParamName);
    }

    [Fact]
    public void A_schedule_giving_a_NaN_factor_stops_the_run_with_an_error_naming_the_step()
    {
        var optimizer = new Momentum(new MomentumOptions { Schedule = LearningRateSchedule.FromFunction(t => t == 2 ? double.NaN : 1) });

        var error = Assert.Throws<InvalidOperationException>(() => optimizer.Minimize(HalfSquare, [1.0], Steps5));

        Assert.Contains("at step 2", error.Message);
    }
}
