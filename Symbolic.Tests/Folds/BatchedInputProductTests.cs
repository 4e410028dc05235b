using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Symbolic.Bench.Folds;
using static Symbolic.Tests.Folds.BatchedFoldTests;

namespace Symbolic.Tests.Folds;

/// <summary>
/// A batched step's data term Σ_k U[j, k]·x_t[k] over the batch's input rows <c>sequences[b][t]</c> as products
/// (<c>BatchedStepProduct</c>, <c>BatchedSweepProducts</c>): the B input rows gathered once per step
/// (<c>SequenceBatches.CopyRows</c>), X_t·Uᵀ added into the next state's row, and δᵀ·X_t into U's accumulators in the sweep;
/// Wᵀ and Uᵀ copied once before the fold's loop. Checked against the hand-written batched and per-sequence backpropagation
/// through time and against finite differences of plain loops for several B, T, H and I (I ≠ H, T = 0 and 1, rows of
/// unequal length), through the printed source, for the error a short input row raises, and for allocations.
/// </summary>
public class BatchedInputProductTests
{
    public static TheoryData<int, int, int, int> Shapes() => new()
    {
        { 2, 1, 32, 8 },
        { 3, 5, 40, 3 },
        { 4, 7, 32, 8 },
        { 5, 3, 24, 5 },
        { 2, 4, 16, 12 },
        { 16, 6, 32, 8 },
        { 3, 0, 32, 8 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_inputs_run_as_products_and_match_hand_written_backpropagation(int batch, int steps, int hidden, int inputs)
    {
        var model = new ElmanRnn(inputs: inputs, hidden: hidden, steps: steps, batch: batch, seed: batch * 13 + hidden + inputs);
        var p = model.Point(seed: steps + 1);
        var (perSequence, batched, actual) = (new double[model.Parameters], new double[model.Parameters], new double[model.Parameters]);
        var perSequenceValue = model.Gradient(p, perSequence);
        var batchedValue = new BatchedElmanRnn(model.Sequences, model.Targets, hidden).Gradient(p, batched);

        var f = JaggedRnn(batch, hidden, inputs, sigmoid: false);
        var actualValue = f.CompileGradient()(p, model.Sequences, model.Targets, actual);

        // Both baselines average over the B·H last-state components; the model sums.
        var n = batch * hidden;
        Assert.Equal(perSequenceValue * n, actualValue, 1e-11 * Math.Max(1, Math.Abs(actualValue)));
        Assert.Equal(batchedValue * n, actualValue, 1e-11 * Math.Max(1, Math.Abs(actualValue)));
        var scale = Math.Max(perSequence.Max(Math.Abs) * n, 1e-300);
        for (var i = 0; i < p.Length; i++)
        {
            Assert.True(Math.Abs(perSequence[i] * n - actual[i]) <= 1e-11 * scale, $"∂L/∂p[{i}]: {actual[i]} vs per-sequence BPTT {perSequence[i] * n}");
            Assert.True(Math.Abs(batched[i] * n - actual[i]) <= 1e-11 * scale, $"∂L/∂p[{i}]: {actual[i]} vs batched BPTT {batched[i] * n}");
        }
        AssertInputProducts(f.ToCSharpGradient(), batch, hidden, inputs);
    }

    [Theory]
    [InlineData(2, 3, 3, 2, false)]
    [InlineData(3, 1, 4, 6, true)]
    [InlineData(2, 2, 24, 5, false)]
    public void The_gradient_matches_finite_differences_of_plain_loops(int batch, int steps, int hidden, int inputs, bool sigmoid)
    {
        var random = new Random(batch * 1000 + steps * 100 + hidden * 10 + inputs);
        var sequences = Jagged(random, batch, [.. Enumerable.Repeat(steps, batch)], inputs);
        var targets = Rows(random, batch, hidden);
        var w = Rows(random, 1, hidden * hidden + hidden * inputs + hidden)[0];
        var f = JaggedRnn(batch, hidden, inputs, sigmoid);

        var gradient = new double[w.Length];
        var value = f.CompileGradient()(w, sequences, targets, gradient);

        AgreesWithPlainLoops(w, gradient, value, p => PlainLoss(p, sequences, targets, hidden, sigmoid));
        // However short the rows (H = 3, I = 2 run as scalar loops otherwise), U·x_t and δᵀ·x_t are the products over the batch.
        // (A sigmoid's sweep recomputes exp(−z), U·x_t included, per component: that dot stays in its loop.)
        AssertInputProducts(f.ToCSharpGradient(), batch, hidden, inputs, perComponentReadsLeft: sigmoid);
    }

    [Fact]
    public void Rows_of_unequal_length_run_the_per_sequence_folds_with_the_same_values()
    {
        var (batch, hidden, inputs) = (4, 32, 8);
        var random = new Random(17);
        var targets = Rows(random, batch, hidden);
        var w = Rows(random, 1, hidden * hidden + hidden * inputs + hidden)[0];
        var compiled = JaggedRnn(batch, hidden, inputs, sigmoid: false).CompileGradient();

        foreach (var lengths in new[] { new[] { 3, 0, 5, 1 }, [2, 2, 2, 2], [1, 2, 1, 1] })
        {
            var sequences = Jagged(random, batch, lengths, inputs);
            var gradient = new double[w.Length];
            var value = compiled(w, sequences, targets, gradient);
            AgreesWithPlainLoops(w, gradient, value, p => PlainLoss(p, sequences, targets, hidden, sigmoid: false));
        }
    }

    [Fact]
    public void What_is_left_of_a_step_is_row_calls_over_the_batch()
    {
        var model = new ElmanRnn(inputs: 8, hidden: 32, steps: 4, batch: 4, seed: 6);
        var (bias, n) = (32 * 32 + 32 * 8, model.Parameters);
        var f = JaggedRnn(model.Batch, model.Hidden, model.Inputs, sigmoid: false);
        var source = f.ToCSharpGradient();

        // The step: each sequence's row starts as the biases, the products add to it (no MultiplyInto), tanh maps the B·H row.
        Assert.Matches($@"RowMaps\.Copy\(w, {bias}, states\w*, [^;]*sequence\w* \* 32\)\), 32\)", source);
        Assert.DoesNotMatch(@"DenseRuntime\.MultiplyInto\(states", source);
        // The sweep: the biases' gradient gets the B rows of δ added after the component loop, one row call each.
        Assert.Matches(@"RowMaps\.Binary\(11, adjoints\w*, (\d+), adjoints\w*, \(delta\w* \+ \(sequence\w* \* 32\)\), adjoints\w*, \1, 32\)", source);
        // δ = λ·(1 − h²) as row maps over the B·H components into the row of δ, not a loop storing it component by component.
        Assert.Matches(@"RowMaps\.Binary\(13, [^;]*, adjoints\w*, delta\w*, 128\)", source);
        Assert.DoesNotMatch(@"adjoints\w*\[\(delta\w* \+ s\w*\)\] =", source);
        // The sequences' lengths are compared once per call, not at every read of the last state (InvariantCalls).
        Assert.Equal(1, Regex.Count(source, @"SequenceBatches\.Steps\("));
        Assert.Equal(1, Regex.Count(source, @"SequenceBatches\.HaveOneLength\("));
        // No component index taken mod H or divided by it is left in the batched fold's loops.
        Assert.DoesNotMatch(@"\(s\w* (%|/) 32\)", source);

        var (expected, actual) = (new double[n], new double[n]);
        var p = model.Point(seed: 2);
        var expectedValue = new BatchedElmanRnn(model.Sequences, model.Targets, model.Hidden).Gradient(p, expected);
        var actualValue = f.CompileGradient()(p, model.Sequences, model.Targets, actual);
        Assert.Equal(expectedValue * 128, actualValue, 1e-11 * Math.Max(1, Math.Abs(actualValue)));
        var scale = expected.Max(Math.Abs) * 128;
        for (var i = 0; i < n; i++) Assert.True(Math.Abs(expected[i] * 128 - actual[i]) <= 1e-11 * scale, $"∂L/∂p[{i}]");
    }

    [Fact]
    public void Dots_in_two_branches_are_not_summed_into_one_row()
    {
        var (batch, steps, hidden, inputs) = (2, 3, 32, 4);
        var random = new Random(21);
        var sequences = Jagged(random, batch, [steps, steps], inputs);
        var targets = Rows(random, batch, hidden);
        var w = Rows(random, 1, hidden * hidden + hidden * inputs)[0];
        Expression<Func<double[], double[][][], double[][], double>> f = (p, xs, y) => Enumerable.Range(0, 2).Sum(b => xs[b].Aggregate(new double[32],
            (h, x) => Enumerable.Range(0, 32).Select(j => Math.Tanh(j < 16
                ? Enumerable.Range(0, 32).Sum(k => p[32 * j + k] * h[k])
                : Enumerable.Range(0, 4).Sum(k => p[1024 + 4 * j + k] * x[k]))).ToArray(),
            h => Enumerable.Range(0, 32).Sum(k => (h[k] - y[b][k]) * (h[k] - y[b][k]))));

        var gradient = new double[w.Length];
        var value = f.CompileGradient()(w, sequences, targets, gradient);

        AgreesWithPlainLoops(w, gradient, value, p =>
        {
            var loss = 0.0;
            for (var b = 0; b < batch; b++)
            {
                var h = new double[hidden];
                foreach (var x in sequences[b])
                {
                    var next = new double[hidden];
                    for (var j = 0; j < hidden; j++)
                    {
                        var z = 0.0;
                        if (j < 16) for (var k = 0; k < hidden; k++) z += p[hidden * j + k] * h[k];
                        else for (var k = 0; k < inputs; k++) z += p[hidden * hidden + inputs * j + k] * x[k];
                        next[j] = Math.Tanh(z);
                    }
                    h = next;
                }
                for (var k = 0; k < hidden; k++) loss += (h[k] - targets[b][k]) * (h[k] - targets[b][k]);
            }
            return loss;
        });
    }

    [Fact]
    public void An_input_row_shorter_than_the_step_reads_throws_as_linq_does()
    {
        var (batch, hidden, inputs) = (3, 4, 3);
        var random = new Random(8);
        var sequences = Jagged(random, batch, [2, 2, 2], inputs);
        sequences[1][1] = [0.5, -0.25];
        var targets = Rows(random, batch, hidden);
        var w = Rows(random, 1, hidden * hidden + hidden * inputs + hidden)[0];
        var f = JaggedRnn(batch, hidden, inputs, sigmoid: false);

        Assert.Throws<IndexOutOfRangeException>(() => f.Compile()(w, sequences, targets));
        var error = Assert.Throws<IndexOutOfRangeException>(() => f.CompileGradient()(w, sequences, targets, new double[w.Length]));
        Assert.Contains("sequences[1][1] has 2 entries", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_warm_call_with_gathered_inputs_and_copied_weights_allocates_nothing()
    {
        var model = new ElmanRnn(inputs: 5, hidden: 24, steps: 6, batch: 3, seed: 4);
        var f = JaggedRnn(model.Batch, model.Hidden, model.Inputs, sigmoid: false);
        AssertInputProducts(f.ToCSharpGradient(), model.Batch, model.Hidden, model.Inputs);
        var gradient = f.CompileGradient();
        var (p, g) = (model.Point(seed: 3), new double[model.Parameters]);

        gradient(p, model.Sequences, model.Targets, g);
        gradient(p, model.Sequences, model.Targets, g);
        var before = GC.GetAllocatedBytesForCurrentThread();
        gradient(p, model.Sequences, model.Targets, g);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>
    /// The printed gradient runs U·x_t and δᵀ·x_t as products over the batch: the B input rows gathered once per step in the
    /// fold and once in its sweep, X_t (B × I) times Uᵀ into the next state's B × H block, Δᵀ (H × B) times X_t into U's
    /// H × I accumulator; no input row of one sequence (<c>sequences[s / H]</c>) read per component is left.
    /// </summary>
    private static void AssertInputProducts(string source, int batch, int hidden, int inputs, bool perComponentReadsLeft = false)
    {
        Assert.Equal(2, Regex.Count(source, $@"SequenceBatches\.CopyRows\(sequences, t\w*, {batch}, 0, {inputs}, "));
        Assert.Matches($@"DenseRuntime\.Multiply(Into\(|Add\([^;]*Shared, )states\w*, [^;]*, {hidden}, 1, {batch}, {hidden}, {inputs}, inputs\w*, 0, {inputs}, 1, ", source);
        Assert.Matches($@"DenseRuntime\.MultiplyAdd\([^;]*, {inputs}, 1, {hidden}, {inputs}, {batch}, adjoints\w*, delta\w*, 1, {hidden}, adjoints\w*, ", source);
        if (!perComponentReadsLeft) Assert.DoesNotMatch($@"sequences\[\(s\w* / {hidden}\)\]", source);
    }
}
