using System.Linq.Expressions;
using Symbolic.Bench.Folds;
using Symbolic.Pipeline;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Folds;

/// <summary>
/// A batch of sequences folded as one (the frontend pass <c>frontend.batch-folds</c>): an Elman network over a jagged batch and
/// over flat data read through ranges, tanh and sigmoid steps, B = 0, 1, 2, 5 and T = 0, 1, 2, 7, against the same network written
/// with plain loops (its value, and finite differences of it) and the hand-written backpropagation through time; sequences of
/// unequal lengths (the per-sequence folds run); the pass dump and the printed source; no allocation per warm call.
/// </summary>
public class BatchedFoldTests
{
    public static TheoryData<int, int, bool> Shapes()
    {
        var data = new TheoryData<int, int, bool>();
        foreach (var batch in new[] { 0, 1, 2, 5 })
            foreach (var steps in new[] { 0, 1, 2, 7 })
                data.Add(batch, steps, (batch + steps) % 2 == 0);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_jagged_batch_matches_plain_loops_and_their_finite_differences(int batch, int steps, bool sigmoid)
    {
        var (hidden, inputs) = (3, 2);
        var random = new Random(batch * 31 + steps);
        var sequences = Jagged(random, batch, [.. Enumerable.Repeat(steps, batch)], inputs);
        var targets = Rows(random, batch, hidden);
        var w = Rows(random, 1, hidden * hidden + hidden * inputs + hidden)[0];

        var gradient = new double[w.Length];
        var value = JaggedRnn(batch, hidden, inputs, sigmoid).CompileGradient()(w, sequences, targets, gradient);

        AgreesWithPlainLoops(w, gradient, value, p => PlainLoss(p, sequences, targets, hidden, sigmoid));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(5, 7)]
    public void A_batch_of_flat_data_read_through_ranges_matches_plain_loops(int batch, int steps)
    {
        var (hidden, inputs) = (3, 2);
        var random = new Random(batch + 100 * steps);
        var sequences = Jagged(random, batch, [.. Enumerable.Repeat(steps, batch)], inputs);
        double[] flat = [.. sequences.SelectMany(s => s.SelectMany(x => x))];
        var targets = Rows(random, batch, hidden);
        double[] flatTargets = [.. targets.SelectMany(t => t)];
        var w = Rows(random, 1, hidden * hidden + hidden * inputs + hidden)[0];
        var f = WithConstants<Func<double[], double[], double[], double>>((p, data, y) => Enumerable.Range(0, batch).Sum(b => Enumerable.Range(0, steps).Aggregate(new double[hidden],
            (h, t) => Enumerable.Range(0, hidden).Select(j => Math.Tanh(p[hidden * hidden + hidden * inputs + j]
                + Enumerable.Range(0, hidden).Sum(k => p[hidden * j + k] * h[k])
                + Enumerable.Range(0, inputs).Sum(k => p[hidden * hidden + inputs * j + k] * data[(b * steps + t) * inputs + k]))).ToArray(),
            h => Enumerable.Range(0, hidden).Sum(k => (h[k] - y[b * hidden + k]) * (h[k] - y[b * hidden + k])))));

        var gradient = new double[w.Length];
        var value = f.CompileGradient()(w, flat, flatTargets, gradient);

        AgreesWithPlainLoops(w, gradient, value, p => PlainLoss(p, sequences, targets, hidden, sigmoid: false));
        Assert.Contains($"width {batch * hidden}", Trace(f).After("plan-folds"), StringComparison.Ordinal);
    }

    [Fact]
    public void Sequences_of_unequal_lengths_run_the_per_sequence_folds_with_the_same_values()
    {
        var (batch, hidden, inputs) = (4, 3, 2);
        var random = new Random(5);
        var sequences = Jagged(random, batch, [3, 0, 5, 1], inputs);
        var targets = Rows(random, batch, hidden);
        var w = Rows(random, 1, hidden * hidden + hidden * inputs + hidden)[0];
        var compiled = JaggedRnn(batch, hidden, inputs, sigmoid: true).CompileGradient();

        var gradient = new double[w.Length];
        var value = compiled(w, sequences, targets, gradient);
        AgreesWithPlainLoops(w, gradient, value, p => PlainLoss(p, sequences, targets, hidden, sigmoid: true));

        // The same compiled gradient, called again with equal lengths, runs the batched fold.
        var equal = Jagged(random, batch, [4, 4, 4, 4], inputs);
        value = compiled(w, equal, targets, gradient);
        AgreesWithPlainLoops(w, gradient, value, p => PlainLoss(p, equal, targets, hidden, sigmoid: true));
    }

    [Fact]
    public void A_tanh_batch_matches_hand_written_backpropagation_through_time()
    {
        var model = new ElmanRnn(inputs: 8, hidden: 32, steps: 20, batch: 4, seed: 3);
        var p = model.Point(seed: 4);
        var (expected, actual) = (new double[model.Parameters], new double[model.Parameters]);
        var expectedValue = model.Gradient(p, expected);

        var f = JaggedRnn(model.Batch, model.Hidden, model.Inputs, sigmoid: false);
        var actualValue = f.CompileGradient()(p, model.Sequences, model.Targets, actual);

        // W·h of the batched step is one product of the 4 × 32 state block with Wᵀ per step, written into the next row
        // (written, or added to the inputs' product U·x_t written there first).
        var source = f.ToCSharpGradient();
        Assert.Matches(@"DenseRuntime\.Multiply(Into\(|Add\([^;]*Shared, )states\w*, [^;]*, 32, 1, 4, 32, 32, states\w*, ", source);

        Assert.Equal(expectedValue * model.Batch * model.Hidden, actualValue, 1e-11);
        var scale = expected.Max(Math.Abs) * model.Batch * model.Hidden;
        for (var i = 0; i < p.Length; i++)
            Assert.True(Math.Abs(expected[i] * model.Batch * model.Hidden - actual[i]) <= 1e-11 * scale, $"∂L/∂p[{i}]: {actual[i]} vs BPTT");
    }

    [Fact]
    public void The_hand_written_batched_baseline_matches_the_per_sequence_backpropagation()
    {
        var model = new ElmanRnn(inputs: 8, hidden: 32, steps: 12, batch: 5, seed: 8);
        var p = model.Point(seed: 2);
        var (expected, actual) = (new double[model.Parameters], new double[model.Parameters]);

        var expectedValue = model.Gradient(p, expected);
        var actualValue = new BatchedElmanRnn(model.Sequences, model.Targets, model.Hidden).Gradient(p, actual);

        Assert.Equal(expectedValue, actualValue, 1e-13);
        var scale = expected.Max(Math.Abs);
        for (var i = 0; i < p.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * scale, $"∂L/∂p[{i}]: {actual[i]} vs {expected[i]}");
    }

    [Fact]
    public void The_pass_dump_and_the_printed_source_show_one_fold_over_the_batch()
    {
        var f = JaggedRnn(batch: 5, hidden: 3, inputs: 2, sigmoid: false);
        var trace = Trace(f);

        Assert.DoesNotContain("SequenceBatches", trace.After("frontend.expand-linalg"), StringComparison.Ordinal);
        Assert.Contains("HaveOneLength(sequences, 5)", trace.After("frontend.batch-folds"), StringComparison.Ordinal);
        // One fold of width B·H = 15 (the batch) beside the per-sequence folds of width 3 (which run when the lengths differ).
        Assert.Contains("width 15", trace.After("plan-folds"), StringComparison.Ordinal);
        Assert.Contains("width 3", trace.After("plan-folds"), StringComparison.Ordinal);
        Assert.Contains("SequenceBatches.HaveOneLength(sequences, 5)", f.ToCSharpGradient(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_of_scalar_states_is_one_fold_and_matches_its_closed_form()
    {
        // y_{t+1} = a·y_t + v_t from y_0 = c over each sequence: y_T = aᵀc + Σ_t a^{T−1−t} v_t.
        Expression<Func<double[], double[][], double>> f = (x, data) => Enumerable.Range(0, 3).Sum(b => data[b].Aggregate(x[1], (y, v) => x[0] * y + v));
        double[][] data = [[0.5, -1, 2], [1, 1, 1], [-0.25, 3, 0.5]];
        double[] x = [0.8, 1.3];
        double Closed(double a, double c) => data.Sum(s => Math.Pow(a, s.Length) * c + s.Select((v, t) => Math.Pow(a, s.Length - 1 - t) * v).Sum());
        var gradient = new double[2];

        var value = f.CompileGradient()(x, data, gradient);

        Assert.Equal(Closed(x[0], x[1]), value, 1e-13);
        Assert.Equal(FiniteDifference.Derivative(a => Closed(a, x[1]), x[0]).Derivative, gradient[0], 1e-8);
        Assert.Equal(data.Sum(s => Math.Pow(x[0], s.Length)), gradient[1], 1e-13);
        Assert.Contains("width 3", Trace(f).After("plan-folds"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_outside_one_sequences_state_is_not_batched_and_still_throws()
    {
        Expression<Func<double[], double[][], double>> inRange = (x, data) => Enumerable.Range(0, 2).Sum(b => data[b].Aggregate(new double[3],
            (h, v) => Enumerable.Range(0, 3).Select(j => Math.Tanh(x[j] * h[(j + 1) % 3] + v)).ToArray(), h => h[0] + h[2]));
        Expression<Func<double[], double[][], double>> outside = (x, data) => Enumerable.Range(0, 2).Sum(b => data[b].Aggregate(new double[3],
            (h, v) => Enumerable.Range(0, 3).Select(j => Math.Tanh(x[j] * h[j + 1] + v)).ToArray(), h => h[0] + h[2]));

        Assert.Contains("HaveOneLength", Trace(inRange).After("frontend.batch-folds"), StringComparison.Ordinal);
        Assert.DoesNotContain("HaveOneLength", Trace(outside).After("frontend.batch-folds"), StringComparison.Ordinal);
        Assert.Throws<IndexOutOfRangeException>(() => outside.CompileGradient()([0.1, 0.2, 0.3], [[1.0, 2.0], [3.0, 4.0]], new double[3]));
    }

    [Fact]
    public void Hvp_through_a_batched_fold_matches_finite_differences_of_the_gradient()
    {
        Expression<Func<double[], double>> f = x => Enumerable.Range(0, 3).Sum(b => Enumerable.Range(0, 5).Aggregate(new double[2],
            (h, t) => Enumerable.Range(0, 2).Select(j => Math.Tanh(x[j] * h[0] + x[2] * h[1] + Math.Sin(b + 0.5 * t + j))).ToArray(), h => h[0] * h[1] + h[1]));
        double[] point = [0.6, -0.4, 1.1], direction = [0.3, -1.2, 0.7];
        var gradient = f.CompileGradient();

        var product = f.Hvp().Compile()(point, direction);

        Assert.Contains("width 6", Trace(f).After("plan-folds"), StringComparison.Ordinal);
        for (var i = 0; i < point.Length; i++)
        {
            var estimate = FiniteDifference.Derivative(s =>
            {
                var buffer = new double[point.Length];
                gradient([.. point.Select((p, k) => p + s * direction[k])], buffer);
                return buffer[i];
            }, 0);
            Assert.True(Math.Abs(estimate.Derivative - product[i]) <= 1e-6 * Math.Max(1, Math.Abs(estimate.Derivative)) + 4 * estimate.Error, $"(Hv)[{i}]");
        }
    }

    [Fact]
    public void Checkpointing_the_batched_fold_keeps_its_gradient_and_a_warm_call_allocates_nothing()
    {
        var model = new ElmanRnn(inputs: 2, hidden: 4, steps: 30, batch: 5, seed: 9);
        var f = JaggedRnn(model.Batch, model.Hidden, model.Inputs, sigmoid: false);
        var p = model.Point(seed: 1);
        var (every, root) = (new double[p.Length], new double[p.Length]);
        var gradient = f.CompileGradient();
        var checkpointed = f.CompileGradient(FoldCheckpointing.SquareRoot);

        gradient(p, model.Sequences, model.Targets, every);
        checkpointed(p, model.Sequences, model.Targets, root);
        // A checkpointed sweep recomputes the step's value instead of reading the stored next state: the same to round-off.
        for (var i = 0; i < p.Length; i++) Assert.True(Tolerance.Agree(every[i], root[i], scale: every.Max(Math.Abs)), $"∂L/∂p[{i}]");

        gradient(p, model.Sequences, model.Targets, every);
        var before = GC.GetAllocatedBytesForCurrentThread();
        gradient(p, model.Sequences, model.Targets, every);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>An Elman network over a jagged batch, the loss Σ_b Σ_k (h_T[k] − y_b[k])², the widths inlined as constants.</summary>
    internal static Expression<Func<double[], double[][][], double[][], double>> JaggedRnn(int batch, int hidden, int inputs, bool sigmoid)
    {
        int u = hidden * hidden, bias = u + hidden * inputs;
        return sigmoid
            ? WithConstants<Func<double[], double[][][], double[][], double>>((w, sequences, targets) => Enumerable.Range(0, batch).Sum(b => sequences[b].Aggregate(new double[hidden],
                (h, x) => Enumerable.Range(0, hidden).Select(j => 1 / (1 + Math.Exp(-(w[bias + j]
                    + Enumerable.Range(0, hidden).Sum(k => w[hidden * j + k] * h[k])
                    + Enumerable.Range(0, inputs).Sum(k => w[u + inputs * j + k] * x[k]))))).ToArray(),
                h => Enumerable.Range(0, hidden).Sum(k => (h[k] - targets[b][k]) * (h[k] - targets[b][k])))))
            : WithConstants<Func<double[], double[][][], double[][], double>>((w, sequences, targets) => Enumerable.Range(0, batch).Sum(b => sequences[b].Aggregate(new double[hidden],
                (h, x) => Enumerable.Range(0, hidden).Select(j => Math.Tanh(w[bias + j]
                    + Enumerable.Range(0, hidden).Sum(k => w[hidden * j + k] * h[k])
                    + Enumerable.Range(0, inputs).Sum(k => w[u + inputs * j + k] * x[k]))).ToArray(),
                h => Enumerable.Range(0, hidden).Sum(k => (h[k] - targets[b][k]) * (h[k] - targets[b][k])))));
    }

    /// <summary>The oracle: the same network with plain loops, one sequence after the other (W, then U, then b packed in p).</summary>
    internal static double PlainLoss(double[] p, double[][][] sequences, double[][] targets, int hidden, bool sigmoid)
    {
        var loss = 0.0;
        for (var b = 0; b < sequences.Length; b++)
        {
            var h = new double[hidden];
            foreach (var x in sequences[b])
            {
                var next = new double[hidden];
                for (var j = 0; j < hidden; j++)
                {
                    var z = p[hidden * hidden + hidden * x.Length + j];
                    for (var k = 0; k < hidden; k++) z += p[hidden * j + k] * h[k];
                    for (var k = 0; k < x.Length; k++) z += p[hidden * hidden + x.Length * j + k] * x[k];
                    next[j] = sigmoid ? 1 / (1 + Math.Exp(-z)) : Math.Tanh(z);
                }
                h = next;
            }
            for (var k = 0; k < hidden; k++) loss += (h[k] - targets[b][k]) * (h[k] - targets[b][k]);
        }
        return loss;
    }

    internal static void AgreesWithPlainLoops(double[] w, double[] gradient, double value, Func<double[], double> plain)
    {
        Assert.True(Tolerance.Agree(plain(w), value), $"value {value} vs plain loops {plain(w)}");
        for (var i = 0; i < w.Length; i++)
        {
            var estimate = FiniteDifference.Partial(plain, w, i);
            Assert.True(Math.Abs(estimate.Derivative - gradient[i]) <= 1e-6 * Math.Max(1, Math.Abs(estimate.Derivative)) + 4 * estimate.Error,
                $"∂f/∂w[{i}]: {gradient[i]} vs finite differences {estimate.Derivative} ± {estimate.Error}");
        }
    }

    private static PassTrace Trace(LambdaExpression f)
    {
        var trace = new PassTrace();
        GradientPasses.Run(Calculus.DefaultContext, f, new GradientPassOptions(true, trace));
        return trace;
    }

    internal static double[][][] Jagged(Random random, int batch, int[] lengths, int inputs) =>
        [.. Enumerable.Range(0, batch).Select(b => Rows(random, lengths[b], inputs))];

    internal static double[][] Rows(Random random, int count, int width) =>
        [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, width).Select(_ => random.NextDouble() - 0.5).ToArray())];

    /// <summary>The model with its captured ints inlined as constants (a fold's state and a batch need constant widths).</summary>
    internal static Expression<TDelegate> WithConstants<TDelegate>(Expression<TDelegate> f) => (Expression<TDelegate>)new CapturedConstants().Visit(f);

    private sealed class CapturedConstants : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            node is { Expression: ConstantExpression closure, Member: System.Reflection.FieldInfo field } ? Expression.Constant(field.GetValue(closure.Value), node.Type) : base.VisitMember(node);
    }
}
