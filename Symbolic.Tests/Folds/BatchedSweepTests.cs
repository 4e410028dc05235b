using System.Text.RegularExpressions;
using Symbolic.Bench.Folds;
using static Symbolic.Tests.Folds.BatchedFoldTests;

namespace Symbolic.Tests.Folds;

/// <summary>
/// The backward sweep of a batch of sequences as matrix products over the batch (<c>BatchedSweepProducts</c>): per step,
/// Δ·W into the previous state's adjoints and Δᵀ·H_{t−1} into an H × H accumulator of W's gradient, each one
/// <c>DenseRuntime.MultiplyAdd</c>. Checked against the hand-written backpropagation through time and finite differences of
/// the network written with plain loops, for several B, T and H; through the printed source; with checkpoints; and
/// for allocations on a warm call.
/// </summary>
public class BatchedSweepTests
{
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 2, 1, 32 },
        { 3, 5, 40 },
        { 4, 7, 32 },
        { 5, 3, 24 },
        { 2, 4, 64 },
    };

    // Rows of H ≥ 24 run as row calls (RowCostRule); shorter rows stay scalar loops, which the rewrite leaves alone.
    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_sweep_runs_products_over_the_batch_and_matches_hand_written_backpropagation(int batch, int steps, int hidden)
    {
        var model = new ElmanRnn(inputs: 3, hidden: hidden, steps: steps, batch: batch, seed: batch * 7 + hidden);
        var p = model.Point(seed: steps);
        var (expected, actual) = (new double[model.Parameters], new double[model.Parameters]);
        var expectedValue = model.Gradient(p, expected);

        var f = JaggedRnn(batch, hidden, model.Inputs, sigmoid: false);
        var actualValue = f.CompileGradient()(p, model.Sequences, model.Targets, actual);

        Assert.Equal(expectedValue * batch * hidden, actualValue, 1e-11 * Math.Max(1, Math.Abs(actualValue)));
        var scale = expected.Max(Math.Abs) * batch * hidden;
        for (var i = 0; i < p.Length; i++)
            Assert.True(Math.Abs(expected[i] * batch * hidden - actual[i]) <= 1e-11 * scale, $"∂L/∂p[{i}]: {actual[i]} vs BPTT {expected[i] * batch * hidden}");

        var source = f.ToCSharpGradient();
        // Δ (B × H) · W (H × H) into the B × H block of row t: one call per step.
        Assert.Matches($@"DenseRuntime\.MultiplyAdd\([^;]*, {hidden}, 1, {batch}, {hidden}, {hidden}, adjoints\w*, delta\w*, {hidden}, 1, w, 0, {hidden}, 1\)", source);
        // Δᵀ (H × B) · H_{t−1} (B × H) into W's H × H accumulator: one call per step.
        Assert.Matches($@"DenseRuntime\.MultiplyAdd\([^;]*, {hidden}, 1, {hidden}, {hidden}, {batch}, adjoints\w*, delta\w*, 1, {hidden}, \w+, ", source);
        // No row update per component of the batch (s / H) is left in the sweep.
        Assert.DoesNotMatch($@"AddScaled\([^;]*\(s\w* / {hidden}\)", source);
    }

    [Theory]
    [InlineData(2, 3, 24, false)]
    [InlineData(3, 2, 24, true)]
    [InlineData(2, 4, 32, true)]
    public void The_gradient_matches_finite_differences_of_plain_loops(int batch, int steps, int hidden, bool sigmoid)
    {
        var inputs = 2;
        var random = new Random(batch * 100 + steps * 10 + hidden);
        var sequences = Jagged(random, batch, [.. Enumerable.Repeat(steps, batch)], inputs);
        var targets = Rows(random, batch, hidden);
        var w = Rows(random, 1, hidden * hidden + hidden * inputs + hidden)[0].Select(x => x / 2).ToArray();
        var f = JaggedRnn(batch, hidden, inputs, sigmoid);

        var gradient = new double[w.Length];
        var value = f.CompileGradient()(w, sequences, targets, gradient);

        Assert.Contains("DenseRuntime.MultiplyAdd(", f.ToCSharpGradient(), StringComparison.Ordinal);
        AgreesWithPlainLoops(w, gradient, value, p => PlainLoss(p, sequences, targets, hidden, sigmoid));
    }

    [Fact]
    public void Checkpointed_sweeps_run_the_products_and_keep_the_gradient()
    {
        var model = new ElmanRnn(inputs: 4, hidden: 32, steps: 17, batch: 3, seed: 11);
        var p = model.Point(seed: 5);
        var (expected, actual) = (new double[model.Parameters], new double[model.Parameters]);
        model.Gradient(p, expected);
        var f = JaggedRnn(model.Batch, model.Hidden, model.Inputs, sigmoid: false);

        f.CompileGradient(FoldCheckpointing.SquareRoot)(p, model.Sequences, model.Targets, actual);

        var scale = expected.Max(Math.Abs) * model.Batch * model.Hidden;
        for (var i = 0; i < p.Length; i++)
            Assert.True(Math.Abs(expected[i] * model.Batch * model.Hidden - actual[i]) <= 1e-11 * scale, $"∂L/∂p[{i}]");
    }

    [Fact]
    public void A_warm_call_with_products_in_the_sweep_allocates_nothing()
    {
        var model = new ElmanRnn(inputs: 8, hidden: 32, steps: 10, batch: 4, seed: 2);
        var f = JaggedRnn(model.Batch, model.Hidden, model.Inputs, sigmoid: false);
        // Δ·W, Δᵀ·H and Δᵀ·X_t (the inputs gathered past the row of δ).
        Assert.Equal(3, Regex.Count(f.ToCSharpGradient(), @"DenseRuntime\.MultiplyAdd\([^;]*delta"));
        var gradient = f.CompileGradient();
        var (p, g) = (model.Point(seed: 3), new double[model.Parameters]);

        gradient(p, model.Sequences, model.Targets, g);
        gradient(p, model.Sequences, model.Targets, g);
        var before = GC.GetAllocatedBytesForCurrentThread();
        gradient(p, model.Sequences, model.Targets, g);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
