using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Symbolic.Bench.Folds;
using Symbolic.Pipeline;
using Symbolic.Tests.Oracles;
using Symbolic.Tests.Support;

namespace Symbolic.Tests.Folds;

/// <summary>
/// A batch of sequences whose size is known only when the model runs (<c>Enumerable.Range(0, sequences.Length)</c>, or
/// <c>targets.Length</c>) folded as one fold over a B × H state whose width B·H is computed on entry: ONE compiled gradient
/// called on batches of 0, 1, 2, 5 and 16 sequences against the hand-written backpropagation through time and finite
/// differences of plain loops; <c>Grad</c>, the printed source compiled on its own, <c>Hvp</c> and checkpoints; unequal lengths
/// (the per-sequence folds); the pass dump and the printed source (one batched fold, its products of B rows); a fold whose
/// own state width is a run-time size; no allocation per warm call while B stays, a larger B renting once.
/// </summary>
public class RunTimeBatchTests
{
    private static readonly int[] Batches = [0, 1, 2, 5, 16];

    [Fact]
    public void One_compiled_gradient_matches_plain_loops_and_finite_differences_for_every_batch_size()
    {
        var (hidden, inputs) = (3, 2);
        var compiled = RunTimeRnn(hidden, inputs, sigmoid: true).CompileGradient();
        foreach (var batch in Batches)
        {
            var random = new Random(batch + 1);
            var sequences = BatchedFoldTests.Jagged(random, batch, [.. Enumerable.Repeat(1 + batch % 4, batch)], inputs);
            var targets = BatchedFoldTests.Rows(random, batch, hidden);
            var w = BatchedFoldTests.Rows(random, 1, hidden * hidden + hidden * inputs + hidden)[0];
            var gradient = new double[w.Length];

            var value = compiled(w, sequences, targets, gradient);

            BatchedFoldTests.AgreesWithPlainLoops(w, gradient, value, p => BatchedFoldTests.PlainLoss(p, sequences, targets, hidden, sigmoid: true));
        }
    }

    [Fact]
    public void One_compiled_gradient_matches_hand_written_backpropagation_for_every_batch_size()
    {
        var compiled = RunTimeRnn(hidden: 32, inputs: 8, sigmoid: false).CompileGradient();
        foreach (var batch in Batches.Where(b => b > 0))
        {
            var model = new ElmanRnn(inputs: 8, hidden: 32, steps: 6, batch: batch, seed: batch);
            var p = model.Point(seed: 7);
            var (expected, actual) = (new double[p.Length], new double[p.Length]);
            // The hand-written loss is the mean over B·H; the model's is the sum.
            var scale = batch * model.Hidden;

            var expectedValue = model.Gradient(p, expected) * scale;
            var actualValue = compiled(p, model.Sequences, model.Targets, actual);

            Assert.True(Tolerance.Agree(expectedValue, actualValue), $"B = {batch}: value {actualValue} vs BPTT {expectedValue}");
            var largest = expected.Max(Math.Abs) * scale;
            for (var i = 0; i < p.Length; i++)
                Assert.True(Math.Abs(expected[i] * scale - actual[i]) <= 1e-11 * largest, $"B = {batch}: ∂L/∂p[{i}] {actual[i]} vs BPTT {expected[i] * scale}");
        }
    }

    [Fact]
    public void Grad_and_the_printed_source_compiled_on_its_own_match_the_compiled_gradient_for_every_batch_size()
    {
        var (hidden, inputs) = (4, 3);
        var f = RunTimeRnn(hidden, inputs, sigmoid: false);
        var grad = f.Grad().Compile();
        var printed = RoslynMethods.Compile(f.ToCSharpGradient("Model"))["Model"];
        foreach (var batch in Batches)
        {
            var random = new Random(10 + batch);
            var sequences = BatchedFoldTests.Jagged(random, batch, [.. Enumerable.Repeat(3, batch)], inputs);
            var targets = BatchedFoldTests.Rows(random, batch, hidden);
            var w = BatchedFoldTests.Rows(random, 1, hidden * hidden + hidden * inputs + hidden)[0];
            var fromSource = new double[w.Length];

            var value = (double)printed.Invoke(null, [w, sequences, targets, fromSource])!;
            var gradient = grad(w, sequences, targets);

            BatchedFoldTests.AgreesWithPlainLoops(w, gradient, value, p => BatchedFoldTests.PlainLoss(p, sequences, targets, hidden, sigmoid: false));
            for (var i = 0; i < w.Length; i++) Assert.True(Tolerance.Agree(gradient[i], fromSource[i]), $"B = {batch}: printed ∂f/∂w[{i}] {fromSource[i]} vs Grad {gradient[i]}");
        }
    }

    [Fact]
    public void The_batch_counted_by_the_targets_is_batched_too_and_falls_back_when_the_lengths_differ()
    {
        var (hidden, inputs) = (3, 2);
        int u = hidden * hidden, bias = u + hidden * inputs;
        var f = BatchedFoldTests.WithConstants<Func<double[], double[][][], double[][], double>>((w, sequences, targets) => Enumerable.Range(0, targets.Length).Sum(b => sequences[b].Aggregate(new double[hidden],
            (h, x) => Enumerable.Range(0, hidden).Select(j => Math.Tanh(w[bias + j] + Enumerable.Range(0, hidden).Sum(k => w[hidden * j + k] * h[k])
                + Enumerable.Range(0, inputs).Sum(k => w[u + inputs * j + k] * x[k]))).ToArray(),
            h => Enumerable.Range(0, hidden).Sum(k => (h[k] - targets[b][k]) * (h[k] - targets[b][k])))));
        var compiled = f.CompileGradient();
        var random = new Random(4);
        var w = BatchedFoldTests.Rows(random, 1, bias + hidden)[0];
        var gradient = new double[w.Length];
        Assert.Contains("HaveOneLength(sequences, ArrayLength(targets))", Trace(f).After("frontend.batch-folds"), StringComparison.Ordinal);

        // Lengths 3, 0, 5 run the per-sequence folds; 4, 4 then 2, 2, 2, 2, 2 the batched fold, through the same delegate.
        foreach (var lengths in new[] { new[] { 3, 0, 5 }, [4, 4], [2, 2, 2, 2, 2] })
        {
            var sequences = BatchedFoldTests.Jagged(random, lengths.Length, lengths, inputs);
            var targets = BatchedFoldTests.Rows(random, lengths.Length, hidden);
            var value = compiled(w, sequences, targets, gradient);
            BatchedFoldTests.AgreesWithPlainLoops(w, gradient, value, p => BatchedFoldTests.PlainLoss(p, sequences, targets, hidden, sigmoid: false));
        }
    }

    [Fact]
    public void The_pass_dump_and_the_printed_source_show_one_fold_over_a_run_time_batch()
    {
        var f = RunTimeRnn(hidden: 32, inputs: 8, sigmoid: false);
        var trace = Trace(f);

        Assert.Contains("HaveOneLength(sequences, ArrayLength(sequences))", trace.After("frontend.batch-folds"), StringComparison.Ordinal);
        // One fold of width B·H computed from the batch, beside the per-sequence folds of width 32.
        var plan = trace.After("plan-folds");
        Assert.Contains("width RangeCount((ArrayLength(sequences) * 32))", plan, StringComparison.Ordinal);
        Assert.Contains("width 32", plan, StringComparison.Ordinal);
        // The width is computed once into a local; W·h is one product of the B × 32 block per step, the sweep's Δ·W and Δᵀ·H two.
        var source = f.ToCSharpGradient();
        Assert.Matches(@"width\w* = count\w*;", source);
        Assert.Matches(@"DenseRuntime\.Multiply(Into\(|Add\([^;]*Shared, )states\w*, [^;]*, 32, 1, sequences\.Length, 32, 32, states\w*, ", source);
        Assert.Matches(@"DenseRuntime\.MultiplyAdd\([^;]*, 32, 1, sequences\.Length, 32, 32, adjoints\w*, delta\w*, 32, 1, w, ", source);
        Assert.Matches(@"DenseRuntime\.MultiplyAdd\([^;]*, 32, 1, 32, 32, sequences\.Length, adjoints\w*, delta\w*, 1, 32, ", source);
    }

    [Fact]
    public void A_run_time_batch_gathers_its_inputs_into_products_and_leaves_no_component_loop()
    {
        var f = RunTimeRnn(hidden: 32, inputs: 8, sigmoid: false);
        var source = f.ToCSharpGradient();

        // U·x_t over the batch: the B input rows gathered once per step (forward and sweep), then a product each way.
        Assert.Equal(2, Regex.Count(source, @"SequenceBatches\.CopyRows\(sequences, t\w*, sequences\.Length, 0, 8, "));
        Assert.Matches(@"DenseRuntime\.MultiplyAdd\([^;]*Shared, states\w*, [^;]*, 32, 1, sequences\.Length, 32, 8, inputs\w*, 0, 8, 1, ", source);
        Assert.Matches(@"DenseRuntime\.MultiplyAdd\([^;]*, 8, 1, 32, 8, sequences\.Length, adjoints\w*, delta\w*, 1, 32, adjoints\w*, ", source);
        // Each sequence's row starts as the biases (B copies), and their gradient gets the B rows of δ.
        Assert.Matches(@"RowMaps\.Copy\(w, 1280, states\w*, [^;]*sequence\w* \* 32\)\), 32\)", source);
        Assert.Matches(@"RowMaps\.Binary\(11, adjoints\w*, ([^,]+), adjoints\w*, \(delta\w* \+ \(sequence\w* \* 32\)\), adjoints\w*, \1, 32\)", source);
        // No loop over the B·H components is left: no index taken mod H or divided by it, no δ stored one by one.
        Assert.DoesNotMatch(@"\(s\w* (%|/) 32\)", source);
        Assert.DoesNotMatch(@"adjoints\w*\[\(delta\w* \+ s\w*\)\] =", source);
        // The lengths of the run-time batch are compared once per call (InvariantCalls), not at every read of the last state.
        Assert.Equal(1, Regex.Count(source, @"SequenceBatches\.Steps\("));
        Assert.Equal(1, Regex.Count(source, @"SequenceBatches\.HaveOneLength\("));

        // Those calls run before the argument checks: a null batch is still the checks' error, not a NullReferenceException.
        var compiled = f.CompileGradient();
        var model = new ElmanRnn(inputs: 8, hidden: 32, steps: 3, batch: 3, seed: 4);
        var p = model.Point(seed: 5);
        var error = Record.Exception(() => compiled(p, null!, model.Targets, new double[p.Length]));
        Assert.NotNull(error);
        Assert.IsNotType<NullReferenceException>(error);
    }

    [Fact]
    public void A_flat_batch_counted_at_run_time_runs_no_step_when_it_is_empty()
    {
        // B = y.Length / H sequences of T steps read from flat data; T is negative when the batch is empty, where LINQ runs no fold.
        const int hidden = 2;
        Expression<Func<double[], double[], double[], double>> f = (p, data, y) => Enumerable.Range(0, y.Length / 2).Sum(b => Enumerable.Range(0, data.Length / Math.Max(y.Length / 2, 1) - (y.Length == 0 ? 1 : 0)).Aggregate(new double[2],
            (h, t) => Enumerable.Range(0, 2).Select(j => Math.Tanh(p[2 * j] * h[0] + p[2 * j + 1] * h[1] + p[4 + j] * data[b * (data.Length / (y.Length / 2)) + t])).ToArray(),
            h => Enumerable.Range(0, 2).Sum(k => (h[k] - y[b * 2 + k]) * (h[k] - y[b * 2 + k]))));
        var compiled = f.CompileGradient();
        Assert.Contains("width RangeCount(((ArrayLength(y) / 2) * 2))", Trace(f).After("plan-folds"), StringComparison.Ordinal);
        double[] p = [0.4, -0.3, 0.2, 0.5, 0.7, -0.6];
        foreach (var batch in new[] { 0, 1, 3 })
        {
            var random = new Random(batch);
            double[] data = [.. Enumerable.Range(0, batch * 4).Select(_ => random.NextDouble() - 0.5)], y = [.. Enumerable.Range(0, batch * hidden).Select(_ => random.NextDouble() - 0.5)];
            var gradient = new double[p.Length];

            var value = compiled(p, data, y, gradient);

            BatchedFoldTests.AgreesWithPlainLoops(p, gradient, value, q => f.Compile()(q, data, y));
        }
    }

    [Fact]
    public void Hvp_through_a_run_time_batch_matches_finite_differences_of_the_gradient()
    {
        // x = (W's 4 entries, then each sequence's two seed components): the batch is as long as x says.
        Expression<Func<double[], double>> f = x => Enumerable.Range(0, (x.Length - 4) / 2).Sum(b => Enumerable.Range(0, 5).Aggregate(
            Enumerable.Range(0, 2).Select(j => x[4 + 2 * b + j]).ToArray(),
            (h, t) => Enumerable.Range(0, 2).Select(j => Math.Tanh(x[2 * j] * h[0] + x[2 * j + 1] * h[1] + Math.Sin(b + 0.5 * t + j))).ToArray(), h => h[0] * h[1] + h[1]));
        var gradient = f.CompileGradient();
        var hvp = f.Hvp().Compile();
        Assert.Contains("width RangeCount((((ArrayLength(x) - 4) / 2) * 2))", Trace(f).After("plan-folds"), StringComparison.Ordinal);
        foreach (var batch in new[] { 0, 1, 3 })
        {
            var random = new Random(batch);
            double[] point = [.. Enumerable.Range(0, 4 + 2 * batch).Select(_ => random.NextDouble() - 0.5)];
            double[] direction = [.. point.Select(_ => random.NextDouble() - 0.5)];

            var product = hvp(point, direction);

            for (var i = 0; i < point.Length; i++)
            {
                var estimate = FiniteDifference.Derivative(s =>
                {
                    var buffer = new double[point.Length];
                    gradient([.. point.Select((p, k) => p + s * direction[k])], buffer);
                    return buffer[i];
                }, 0);
                Assert.True(Math.Abs(estimate.Derivative - product[i]) <= 1e-6 * Math.Max(1, Math.Abs(estimate.Derivative)) + 4 * estimate.Error, $"B = {batch}: (Hv)[{i}]");
            }
        }
    }

    [Fact]
    public void Checkpoints_keep_the_gradient_and_a_warm_call_allocates_nothing_until_the_batch_grows()
    {
        var f = RunTimeRnn(hidden: 4, inputs: 2, sigmoid: false);
        var (every, root) = (f.CompileGradient(), f.CompileGradient(FoldCheckpointing.SquareRoot));
        var small = new ElmanRnn(inputs: 2, hidden: 4, steps: 30, batch: 3, seed: 1);
        var large = new ElmanRnn(inputs: 2, hidden: 4, steps: 30, batch: 7, seed: 2);
        var p = small.Point(seed: 3);
        var (a, b) = (new double[p.Length], new double[p.Length]);
        var trace = new PassTrace();
        GradientPasses.Run(Calculus.DefaultContext, f, new GradientPassOptions(true, trace) { Folds = FoldCheckpointing.SquareRoot });
        Assert.Contains("width RangeCount((ArrayLength(sequences) * 4)): √T states, every k-th state kept", trace.After("plan-folds"), StringComparison.Ordinal);
        foreach (var model in new[] { small, large })
        {
            every(p, model.Sequences, model.Targets, a);
            root(p, model.Sequences, model.Targets, b);
            for (var i = 0; i < p.Length; i++) Assert.True(Tolerance.Agree(a[i], b[i], scale: a.Max(Math.Abs)), $"B = {model.Batch}: ∂L/∂p[{i}]");
        }

        // The buffers were rented at B = 7: B = 3, then 7 again, allocate nothing.
        foreach (var model in new[] { small, large })
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            every(p, model.Sequences, model.Targets, a);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    [Fact]
    public void A_fold_whose_state_width_is_a_run_time_size_matches_plain_loops()
    {
        Expression<Func<double[], double>> f = x => Enumerable.Range(0, 4).Aggregate(new double[x.Length],
            (h, t) => Enumerable.Range(0, x.Length).Select(j => Math.Tanh(x[j] * h[(j + 1) % x.Length] + 0.3 * h[j] + 0.1 * (t + j))).ToArray(), h => h.Sum());
        static double Plain(double[] x)
        {
            var h = new double[x.Length];
            for (var t = 0; t < 4; t++)
                h = [.. Enumerable.Range(0, x.Length).Select(j => Math.Tanh(x[j] * h[(j + 1) % x.Length] + 0.3 * h[j] + 0.1 * (t + j)))];
            return h.Sum();
        }
        var compiled = f.CompileGradient();
        foreach (var n in new[] { 0, 1, 2, 5 })
        {
            double[] x = [.. Enumerable.Range(0, n).Select(k => 0.3 + 0.2 * k)];
            var gradient = new double[n];
            var value = compiled(x, gradient);
            BatchedFoldTests.AgreesWithPlainLoops(x, gradient, value, Plain);
        }
    }

    [Fact]
    public void A_read_outside_a_run_time_state_throws_and_a_seed_of_another_width_or_a_width_per_row_is_refused()
    {
        Expression<Func<double[], double>> outside = x => Enumerable.Range(0, 2).Aggregate(new double[x.Length],
            (h, t) => Enumerable.Range(0, x.Length).Select(j => x[j] * h[j + 1] + t).ToArray(), h => h[0]);
        Expression<Func<double[], double>> reshaped = x => Enumerable.Range(0, 2).Aggregate(new double[3],
            (h, t) => Enumerable.Range(0, x.Length).Select(j => x[j] * h[j] + t).ToArray(), h => h[0]);

        // A width that differs from one row of data to the next is no size fixed before the fold runs.
        Expression<Func<double[], double[][], double>> perRow = (x, data) => data.Sum(row => Enumerable.Range(0, 2).Aggregate(new double[row.Length],
            (h, t) => Enumerable.Range(0, row.Length).Select(j => h[j] * x[0] + row[j]).ToArray(), h => h.Sum()));

        Assert.Throws<IndexOutOfRangeException>(() => outside.CompileGradient()([0.5, 0.25], new double[2]));
        var error = Assert.Throws<NotSupportedException>(() => reshaped.CompileGradient());
        Assert.Contains("may change shape between steps", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<NotSupportedException>(() => perRow.CompileGradient());
        Assert.Contains("fixed before the fold runs", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> Forms() => ["Sum", "Select", "Zip"];

    [Theory]
    [MemberData(nameof(Forms))]
    public void A_batch_written_with_Sum_Select_or_Zip_is_one_fold_and_matches_plain_loops(string form)
    {
        // The Elman network of PlainLoss with H = 3, I = 2 (W, then U, then b in w); the Sum form has no targets (zeros).
        Expression<Func<double[], double[][][], double[][], double>> f = form switch
        {
            "Sum" => (w, sequences, targets) => sequences.Sum(s => s.Aggregate(new double[3],
                (h, x) => Enumerable.Range(0, 3).Select(j => Math.Tanh(w[15 + j] + Enumerable.Range(0, 3).Sum(k => w[3 * j + k] * h[k])
                    + Enumerable.Range(0, 2).Sum(k => w[9 + 2 * j + k] * x[k]))).ToArray(),
                h => Enumerable.Range(0, 3).Sum(k => h[k] * h[k]))),
            "Select" => (w, sequences, targets) => sequences.Select((s, b) => s.Aggregate(new double[3],
                (h, x) => Enumerable.Range(0, 3).Select(j => Math.Tanh(w[15 + j] + Enumerable.Range(0, 3).Sum(k => w[3 * j + k] * h[k])
                    + Enumerable.Range(0, 2).Sum(k => w[9 + 2 * j + k] * x[k]))).ToArray(),
                h => Enumerable.Range(0, 3).Sum(k => (h[k] - targets[b][k]) * (h[k] - targets[b][k])))).Sum(),
            _ => (w, sequences, targets) => sequences.Zip(targets, (s, y) => s.Aggregate(new double[3],
                (h, x) => Enumerable.Range(0, 3).Select(j => Math.Tanh(w[15 + j] + Enumerable.Range(0, 3).Sum(k => w[3 * j + k] * h[k])
                    + Enumerable.Range(0, 2).Sum(k => w[9 + 2 * j + k] * x[k]))).ToArray(),
                h => Enumerable.Range(0, 3).Sum(k => (h[k] - y[k]) * (h[k] - y[k])))).Sum(),
        };
        var compiled = f.CompileGradient();

        Assert.Contains("HaveOneLength", Trace(f).After("frontend.batch-folds"), StringComparison.Ordinal);
        foreach (var batch in new[] { 0, 1, 4 })
        {
            var random = new Random(batch + 20);
            var sequences = BatchedFoldTests.Jagged(random, batch, [.. Enumerable.Repeat(3, batch)], 2);
            // Zip stops at the shorter array: one target more than sequences.
            var targets = form == "Sum" ? [.. Enumerable.Range(0, batch).Select(_ => new double[3])] : BatchedFoldTests.Rows(random, batch + 1, 3);
            var w = BatchedFoldTests.Rows(random, 1, 18)[0];
            var gradient = new double[w.Length];

            var value = compiled(w, sequences, targets, gradient);

            BatchedFoldTests.AgreesWithPlainLoops(w, gradient, value, p => BatchedFoldTests.PlainLoss(p, sequences, [.. targets.Take(batch)], 3, sigmoid: false));
        }
    }

    /// <summary>An Elman network over however many sequences it is given (W, then U, then b in w).</summary>
    internal static Expression<Func<double[], double[][][], double[][], double>> RunTimeRnn(int hidden, int inputs, bool sigmoid)
    {
        int u = hidden * hidden, bias = u + hidden * inputs;
        return sigmoid
            ? BatchedFoldTests.WithConstants<Func<double[], double[][][], double[][], double>>((w, sequences, targets) => Enumerable.Range(0, sequences.Length).Sum(b => sequences[b].Aggregate(new double[hidden],
                (h, x) => Enumerable.Range(0, hidden).Select(j => 1 / (1 + Math.Exp(-(w[bias + j]
                    + Enumerable.Range(0, hidden).Sum(k => w[hidden * j + k] * h[k])
                    + Enumerable.Range(0, inputs).Sum(k => w[u + inputs * j + k] * x[k]))))).ToArray(),
                h => Enumerable.Range(0, hidden).Sum(k => (h[k] - targets[b][k]) * (h[k] - targets[b][k])))))
            : BatchedFoldTests.WithConstants<Func<double[], double[][][], double[][], double>>((w, sequences, targets) => Enumerable.Range(0, sequences.Length).Sum(b => sequences[b].Aggregate(new double[hidden],
                (h, x) => Enumerable.Range(0, hidden).Select(j => Math.Tanh(w[bias + j]
                    + Enumerable.Range(0, hidden).Sum(k => w[hidden * j + k] * h[k])
                    + Enumerable.Range(0, inputs).Sum(k => w[u + inputs * j + k] * x[k]))).ToArray(),
                h => Enumerable.Range(0, hidden).Sum(k => (h[k] - targets[b][k]) * (h[k] - targets[b][k])))));
    }

    private static PassTrace Trace(LambdaExpression f)
    {
        var trace = new PassTrace();
        GradientPasses.Run(Calculus.DefaultContext, f, new GradientPassOptions(true, trace));
        return trace;
    }
}
