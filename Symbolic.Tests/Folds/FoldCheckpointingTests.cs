using System.Linq.Expressions;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Folds;

/// <summary>
/// Checkpointed folds (<see cref="FoldCheckpointing"/>): the backward sweep recomputes each segment from a stored state
/// with the same emitted step, so its states are the stored ones bit for bit. The gradient must equal the one that stores
/// every state to round-off (storing every state, the sweep reads the step's value, tanh, from the next stored state
/// where a checkpointed sweep computes it again, so the simplified adjoint can round differently in the last bit), for
/// every length and number of stored states; and it must match finite differences of LINQ's own Aggregate.
/// </summary>
public class FoldCheckpointingTests
{
    public static TheoryData<int, string> LengthsAndCounts()
    {
        var data = new TheoryData<int, string>();
        foreach (var steps in new[] { 0, 1, 2, 7, 100, 1000 })
            foreach (var count in new[] { "1", "2", "sqrt", "T", "T+5" })
                data.Add(steps, count);
        return data;
    }

    private static FoldCheckpointing Option(string count, int steps) => count switch
    {
        "sqrt" => FoldCheckpointing.SquareRoot,
        "T" => FoldCheckpointing.Stored(Math.Max(1, steps)),
        "T+5" => FoldCheckpointing.Stored(steps + 5),
        _ => FoldCheckpointing.Stored(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)),
    };

    private static readonly double[][] Inputs = [.. Enumerable.Range(0, 1000).Select(t => new[] { Math.Sin(0.37 * t), Math.Cos(0.11 * t) })];

    // A logistic-like scalar recurrence with the step index and a parameter read in the step; the value is not a closed form.
    private static Expression<Func<double[], double>> Scalar(int steps) => x =>
        Enumerable.Range(0, steps).Aggregate(x[2], (y, t) => y + 0.01 * (x[0] * Math.Sin(y + 0.1 * t) - x[1] * y * y), y => y * y);

    // A 3-wide Elman network over data: weights read inside the step's loops (w[3j + k]), the last state's squared norm.
    private static Expression<Func<double[], double[][], double>> Vector(int steps) => (w, u) =>
        Enumerable.Range(0, steps).Aggregate(new double[3], (h, t) => Enumerable.Range(0, 3).Select(j => Math.Tanh(w[15 + j]
            + Enumerable.Range(0, 3).Sum(k => w[3 * j + k] * h[k]) + Enumerable.Range(0, 2).Sum(k => w[9 + 2 * j + k] * u[t][k]))).ToArray(),
            h => h.Sum(e => e * e));

    // A damped rotation carried as a pair.
    private static Expression<Func<double[], double>> Tuple(int steps) => x =>
        Enumerable.Range(0, steps).Aggregate(ValueTuple.Create(x[1], 0.5),
            (p, t) => ValueTuple.Create(x[2] * (p.Item1 * Math.Cos(x[0]) - p.Item2 * Math.Sin(x[0])), x[2] * (p.Item1 * Math.Sin(x[0]) + p.Item2 * Math.Cos(x[0]))),
            p => p.Item1 + p.Item2 * p.Item2);

    private static readonly double[] Weights = [.. Enumerable.Range(0, 18).Select(i => 0.4 * Math.Sin(1.3 * i + 0.2))];

    [Theory]
    [MemberData(nameof(LengthsAndCounts))]
    public void A_checkpointed_scalar_fold_has_the_stored_gradient_bit_for_bit(int steps, string count)
    {
        double[] x = [0.8, 0.3, 0.4];
        var (stored, checkpointed) = (new double[3], new double[3]);

        var value = Scalar(steps).CompileGradient()(x, stored);
        var again = Scalar(steps).CompileGradient(Option(count, steps))(x, checkpointed);

        Assert.Equal(value, again);
        RoundOff.Equal(stored, checkpointed);
    }

    [Theory]
    [MemberData(nameof(LengthsAndCounts))]
    public void A_checkpointed_vector_fold_over_data_has_the_stored_gradient_bit_for_bit(int steps, string count)
    {
        var (stored, checkpointed) = (new double[18], new double[18]);

        var value = Vector(steps).CompileGradient()(Weights, Inputs, stored);
        var again = Vector(steps).CompileGradient(Option(count, steps))(Weights, Inputs, checkpointed);

        Assert.Equal(value, again);
        RoundOff.Equal(stored, checkpointed);
        if (steps > 0) Assert.Contains(stored, g => g != 0);
    }

    [Theory]
    [MemberData(nameof(LengthsAndCounts))]
    public void A_checkpointed_tuple_fold_has_the_stored_gradient_bit_for_bit(int steps, string count)
    {
        double[] x = [0.3, 1.2, 0.999];
        var (stored, checkpointed) = (new double[3], new double[3]);

        var value = Tuple(steps).CompileGradient()(x, stored);
        var again = Tuple(steps).CompileGradient(Option(count, steps))(x, checkpointed);

        Assert.Equal(value, again);
        RoundOff.Equal(stored, checkpointed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    public void A_checkpointed_gradient_matches_finite_differences_of_LINQ(int stored)
    {
        var f = Vector(40);
        var linq = f.Compile();
        var gradient = new double[18];

        var value = f.CompileGradient(FoldCheckpointing.Stored(stored))(Weights, Inputs, gradient);

        Assert.True(Tolerance.Agree(linq(Weights, Inputs), value));
        for (var i = 0; i < Weights.Length; i++)
        {
            var estimate = FiniteDifference.Partial(w => linq(w, Inputs), Weights, i);
            Assert.True(Math.Abs(estimate.Derivative - gradient[i]) <= 1e-6 * Math.Max(1, Math.Abs(estimate.Derivative)) + 4 * estimate.Error,
                $"∂f/∂w[{i}]: {gradient[i]} vs finite differences {estimate.Derivative} ± {estimate.Error}");
        }
    }

    [Fact]
    public void Euler_integration_with_square_root_checkpoints_matches_the_closed_form()
    {
        const int steps = 10000;
        const double h = 1e-4;
        Expression<Func<double[], double>> f = x => Enumerable.Range(0, steps).Aggregate(x[1], (y, t) => y + h * (-x[0] * y));
        double[] point = [1.5, 2.0];
        var gradient = new double[2];

        f.CompileGradient(FoldCheckpointing.SquareRoot)(point, gradient);

        var factor = 1 - h * point[0];
        Assert.Equal(point[1] * steps * Math.Pow(factor, steps - 1) * -h, gradient[0], 1e-11);
        Assert.Equal(Math.Pow(factor, steps), gradient[1], 1e-11);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("sqrt")]
    public void Folds_inside_a_sum_nested_folds_and_two_data_parameters_keep_their_gradient(string count)
    {
        var batch = Enumerable.Range(0, 4).Select(b => Enumerable.Range(0, 9).Select(t => Math.Sin(0.7 * b + 0.3 * t)).ToArray()).ToArray();
        Expression<Func<double[], double>> summed = x => Enumerable.Range(0, 4).Sum(b => batch[b].Aggregate(0.0, (s, v) => Math.Tanh(x[0] * s + x[1] * v)));
        Expression<Func<double[], double>> nested = x => Enumerable.Range(0, 6).Aggregate(0.5, (s, i) => x.Aggregate(s, (p, v) => 0.5 * p + Math.Sin(v * s)));
        Expression<Func<double[], double[], double[], double>> twoData = (w, data, scale) =>
            data.Aggregate(w[1], (m, v) => w[0] * m + (1 - w[0]) * v * scale[0]);
        double[] point = [0.8, -0.6, 0.4], signal = [0.5, -1.25, 2.0, 0.75, -0.5, 1.5, 0.25];
        var option = Option(count, 9);

        foreach (var f in new[] { summed, nested })
        {
            var (stored, checkpointed) = (new double[3], new double[3]);
            Assert.Equal(f.CompileGradient()(point, stored), f.CompileGradient(option)(point, checkpointed));
            RoundOff.Equal(stored, checkpointed);
            Assert.Contains(stored, g => g != 0);
        }
        var (a, b) = (new double[3], new double[3]);
        Assert.Equal(twoData.CompileGradient()(point, signal, [1.5], a), twoData.CompileGradient(option)(point, signal, [1.5], b));
        RoundOff.Equal(a, b);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("sqrt")]
    [InlineData("T+5")]
    public void A_batch_of_Elman_networks_keeps_its_gradient_bit_for_bit(string count)
    {
        // Hidden 8, input 3, sequences of 30, batch 4: W·h and U·x_t per step, the weights accumulated per (j, k) in each sweep.
        var random = new Random(7);
        var sequences = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 30).Select(_ => Enumerable.Range(0, 3).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray()).ToArray();
        var targets = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 8).Select(_ => random.NextDouble() - 0.5).ToArray()).ToArray();
        Expression<Func<double[], double[][][], double[][], double>> f = (w, xs, ys) => Enumerable.Range(0, 4).Sum(b => xs[b].Aggregate(new double[8],
            (h, u) => Enumerable.Range(0, 8).Select(j => Math.Tanh(w[88 + j] + Enumerable.Range(0, 8).Sum(k => w[8 * j + k] * h[k])
                + Enumerable.Range(0, 3).Sum(k => w[64 + 3 * j + k] * u[k]))).ToArray(),
            h => Enumerable.Range(0, 8).Sum(k => (h[k] - ys[b][k]) * (h[k] - ys[b][k]))));
        var point = Enumerable.Range(0, 96).Select(_ => (random.NextDouble() * 2 - 1) * 0.3).ToArray();
        var (stored, checkpointed) = (new double[96], new double[96]);

        var value = f.CompileGradient()(point, sequences, targets, stored);
        var again = f.CompileGradient(Option(count, 30))(point, sequences, targets, checkpointed);

        Assert.Equal(value, again);
        RoundOff.Equal(stored, checkpointed);
        Assert.All(new[] { 0, 63, 64, 87, 88, 95 }, i => Assert.NotEqual(0, stored[i]));
    }

    [Fact]
    public void Hvp_runs_with_every_state_stored_beside_a_checkpointed_gradient_and_matches_its_finite_differences()
    {
        // The option applies to reverse mode: Hvp stores every state, and agrees with differences of the checkpointed gradient.
        var f = Scalar(60);
        var gradient = f.CompileGradient(FoldCheckpointing.Stored(4));
        double[] point = [0.8, 0.3, 0.4], direction = [0.5, -1.0, 0.25];

        var product = f.Hvp().Compile()(point, direction);

        for (var i = 0; i < point.Length; i++)
        {
            var estimate = FiniteDifference.Derivative(h =>
            {
                var buffer = new double[3];
                gradient([.. point.Select((p, k) => p + h * direction[k])], buffer);
                return buffer[i];
            }, 0);
            Assert.True(Math.Abs(estimate.Derivative - product[i]) <= 1e-6 * Math.Max(1, Math.Abs(product[i])) + 4 * estimate.Error,
                $"(Hv)[{i}] = {product[i]} vs {estimate.Derivative} ± {estimate.Error}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_count_of_stored_states_below_one_is_refused_naming_the_parameter(int states)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => FoldCheckpointing.Stored(states));
        Assert.Equal("states", error.ParamName);
    }

    [Fact]
    public void A_missing_option_is_refused_naming_the_parameter()
    {
        var error = Assert.Throws<ArgumentNullException>(() => Scalar(3).CompileGradient((FoldCheckpointing)null!));
        Assert.Equal("folds", error.ParamName);
    }
}
