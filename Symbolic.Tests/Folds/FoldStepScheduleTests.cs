using System.Linq.Expressions;
using Symbolic.Bench.Folds;
using Symbolic.CodeGeneration;
using Symbolic.Graph;
using Symbolic.Lowering;
using Symbolic.Pipeline;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Folds;

/// <summary>
/// How a fold's step is scheduled and emitted (docs/loops-with-state.md, "How a step runs"): what every component
/// shares is computed once per step, a step written <c>new[] { … }</c> writes its components one by one, an exp-like
/// step is mapped over the new row, the backward sweep reads the stored state instead of recomputing the step, and
/// wide rows run as row calls. Read through the schedule dump, the pass dump and the printed source; the results
/// against finite differences, the model unrolled by hand and a hand-written backpropagation through time.
/// </summary>
public class FoldStepScheduleTests
{
    private const double H = 0.05;

    /// <summary>Lotka–Volterra by the midpoint rule: both components read the same half step (x_m, y_m).</summary>
    private static Expression<Func<double[], double>> Midpoint(int steps) => w => Enumerable.Range(0, steps).Aggregate(new[] { w[4], w[5] },
        (s, t) => new[]
        {
            s[0] + H * (w[0] * (s[0] + H / 2 * (w[0] * s[0] - w[1] * s[0] * s[1]))
                - w[1] * (s[0] + H / 2 * (w[0] * s[0] - w[1] * s[0] * s[1])) * (s[1] + H / 2 * (w[2] * s[0] * s[1] - w[3] * s[1]))),
            s[1] + H * (w[2] * (s[0] + H / 2 * (w[0] * s[0] - w[1] * s[0] * s[1])) * (s[1] + H / 2 * (w[2] * s[0] * s[1] - w[3] * s[1]))
                - w[3] * (s[1] + H / 2 * (w[2] * s[0] * s[1] - w[3] * s[1]))),
        },
        s => (s[0] - 1) * (s[0] - 1) + (s[1] - 0.5) * (s[1] - 0.5));

    private static readonly double[] Rates = [0.9, 0.5, 0.4, 0.7, 1.3, 0.8];

    private static ProcedureSchedule Schedule(LambdaExpression f)
    {
        var graph = new NodeGraph();
        var arrays = f.Parameters.Where(p => p.Type == typeof(double[])).ToHashSet();
        return ProcedureScheduler.Schedule([ExpressionLowerer.Lower(graph, f, Calculus.DefaultContext.Frontend, arrays)], EmitOptions.Compiled);
    }

    private static string[] Lines(string dump) => dump.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void A_step_written_as_an_array_computes_its_shared_stage_once_per_step_and_writes_each_component()
    {
        var dump = Schedule(Midpoint(10)).Dump();

        Assert.Contains("components written one by one", dump, StringComparison.Ordinal);
        // The step's procedure binds the step index only: no loop over the components, no value written out twice.
        Assert.Contains("procedure: loop body over t; outputs [", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("loop body over t, s", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("rematerialized", dump, StringComparison.Ordinal);
    }

    [Fact]
    public void The_midpoint_gradient_matches_finite_differences_and_the_model_unrolled_by_hand()
    {
        FoldAssert.GradientMatchesFiniteDifferences(Midpoint(200), Rates);

        var unrolled = Unrolled(Midpoint(3), 3);
        Assert.DoesNotContain("Aggregate", unrolled.ToString(), StringComparison.Ordinal);
        var expected = unrolled.Grad().Compile()(Rates);
        var actual = new double[Rates.Length];
        Assert.Equal(unrolled.Compile()(Rates), Midpoint(3).CompileGradient()(Rates, actual), 1e-14);
        for (var i = 0; i < Rates.Length; i++) Assert.True(Tolerance.Agree(expected[i], actual[i]), $"∂f/∂w[{i}]: {actual[i]} vs unrolled {expected[i]}");
    }

    [Fact]
    public void A_value_every_component_reads_is_computed_once_per_step_before_the_component_loop()
    {
        Expression<Func<double[], double>> f = x => Enumerable.Range(0, 40).Aggregate(new[] { x[0], x[1], x[2] },
            (h, t) => Enumerable.Range(0, 3).Select(j => 0.9 * h[j] + 0.1 * x[3 + j] * Math.Tanh(h.Sum())).ToArray(), h => h[0] * h[1] + h[2]);

        var dump = Schedule(f).Dump();

        Assert.Contains("component loop over s", dump, StringComparison.Ordinal);
        var perStep = dump.IndexOf("procedure: loop body over t;", StringComparison.Ordinal);
        var perComponent = dump.IndexOf("procedure: loop body over t, s;", StringComparison.Ordinal);
        Assert.True(perStep > 0 && perComponent > perStep, dump);
        // tanh(Σ h) is computed in the per-step body, not in the component loop.
        Assert.Contains("Unary.Tanh", dump[perStep..perComponent], StringComparison.Ordinal);
        Assert.DoesNotContain("Unary.Tanh", dump[perComponent..], StringComparison.Ordinal);
        FoldAssert.GradientMatchesFiniteDifferences(f, [0.3, -0.2, 0.5, 1.1, -0.7, 0.4]);
    }

    [Fact]
    public void An_exp_like_step_is_mapped_over_the_new_row_when_the_row_is_wide_enough_and_only_then()
    {
        var wide = Schedule(Rnn(new ElmanRnn(inputs: 2, hidden: 16, steps: 5, batch: 1, seed: 1))).Dump();
        var narrow = Schedule(Rnn(new ElmanRnn(inputs: 2, hidden: 2, steps: 5, batch: 1, seed: 1))).Dump();

        Assert.Contains("map Tanh over the row", wide, StringComparison.Ordinal);
        // The component loop computes the pre-activation; the tanh is the map's.
        Assert.DoesNotContain("Unary.Tanh", wide, StringComparison.Ordinal);
        Assert.DoesNotContain("fold step once per", narrow, StringComparison.Ordinal);
        Assert.Contains("Unary.Tanh", narrow, StringComparison.Ordinal);
    }

    [Fact]
    public void The_backward_sweep_reads_the_stored_next_state_instead_of_computing_the_step_again()
    {
        // One sequence: a batch of them is one fold over the stacked states and the per-sequence folds (BatchedFoldTests).
        var model = new ElmanRnn(inputs: 2, hidden: 4, steps: 6, batch: 1, seed: 1);
        var trace = new PassTrace();
        GradientPasses.Run(Calculus.DefaultContext, Rnn(model), new GradientPassOptions(true, trace));

        static int Tanhs(string dump) => Lines(dump).Count(line => line.Contains("= tanh ", StringComparison.Ordinal));
        Assert.Equal(2, Tanhs(trace.After("reverse")));
        Assert.Equal(1, Tanhs(trace.After("reuse-fold-steps")));
        Assert.Contains("[(((t + 1) * 4) + s)]", trace.After("reuse-fold-steps"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_that_reads_no_state_is_left_as_it_is()
    {
        Expression<Func<double[], double>> f = x => Enumerable.Range(0, 5).Aggregate(0.0, (a, t) => Math.Sin(x[0] * t));
        var trace = new PassTrace();
        GradientPasses.Run(Calculus.DefaultContext, f, new GradientPassOptions(true, trace));

        Assert.Equal(trace.After("reverse"), trace.After("reuse-fold-steps"));
        const double x = 0.37;
        Assert.Equal(Math.Cos(x * 4) * 4, f.Grad().Compile()([x])[0], 1e-14);
    }

    [Fact]
    public void A_wide_RNN_gradient_matches_hand_written_BPTT_and_runs_its_products_as_row_calls()
    {
        var model = new ElmanRnn(inputs: 8, hidden: 32, steps: 20, batch: 1, seed: 7);
        var source = Rnn(model).ToCSharpGradient();

        Assert.Contains("RowMaps.Dot(w, ", source, StringComparison.Ordinal);                 // W·h per step
        // Wᵀδ into the two-row adjoint buffer (row t at (t mod 2)·W) and δ·hᵀ into W's accumulator share the sweep's loop
        // over k: one row call each.
        Assert.Contains("RowMaps.AddScaled(w, (32 * s), ", source, StringComparison.Ordinal);
        Assert.Contains(", adjoints, ((t % 2) * 32), 32);", source, StringComparison.Ordinal);
        Assert.Contains(", adjoints, (64 + (32 + (s * 32))), 32);", source, StringComparison.Ordinal);
        Assert.DoesNotContain("% 64)] += (w[", source, StringComparison.Ordinal);
        Assert.Contains("RowMaps.Unary(", source, StringComparison.Ordinal);                  // tanh over the new row
        AgreesWithBackpropagationThroughTime(model);
    }

    [Fact]
    public void A_narrow_RNN_keeps_its_products_as_scalar_loops_and_matches_hand_written_BPTT()
    {
        var model = new ElmanRnn(inputs: 3, hidden: 4, steps: 9, batch: 2, seed: 5);

        var source = Rnn(model).ToCSharpGradient();

        // Four units: a dot or a row update costs more as a call than as a loop; a tanh over the row still pays (RowCostRule).
        Assert.DoesNotContain("RowMaps.Dot(", source, StringComparison.Ordinal);
        Assert.DoesNotContain("RowMaps.AddScaled(", source, StringComparison.Ordinal);
        Assert.Contains("RowMaps.Unary(", source, StringComparison.Ordinal);
        AgreesWithBackpropagationThroughTime(model);
    }

    /// <summary><see cref="ElmanRnn"/>'s loss written as a LINQ Aggregate over the same packed parameters (W, then U, then b).</summary>
    private static Expression<Func<double[], double[][][], double[][], double>> Rnn(ElmanRnn model)
    {
        int inputs = model.Inputs, hidden = model.Hidden, batch = model.Batch;
        int u = hidden * hidden, b = u + hidden * inputs;
        // The widths must be constants in the tree (a fold's state has a constant width): the captured ints are inlined.
        return WithConstants((w, sequences, targets) => Enumerable.Range(0, batch).Sum(n => sequences[n].Aggregate(new double[hidden],
            (h, x) => Enumerable.Range(0, hidden).Select(j => Math.Tanh(w[b + j]
                + Enumerable.Range(0, hidden).Sum(k => w[hidden * j + k] * h[k])
                + Enumerable.Range(0, inputs).Sum(k => w[u + inputs * j + k] * x[k]))).ToArray(),
            h => Enumerable.Range(0, hidden).Sum(k => (h[k] - targets[n][k]) * (h[k] - targets[n][k])))) / (batch * hidden));
    }

    private static Expression<Func<double[], double[][][], double[][], double>> WithConstants(Expression<Func<double[], double[][][], double[][], double>> f) =>
        (Expression<Func<double[], double[][][], double[][], double>>)new CapturedConstants().Visit(f);

    private sealed class CapturedConstants : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            node is { Expression: ConstantExpression closure, Member: System.Reflection.FieldInfo field } ? Expression.Constant(field.GetValue(closure.Value), node.Type) : base.VisitMember(node);
    }

    private static void AgreesWithBackpropagationThroughTime(ElmanRnn model)
    {
        var p = model.Point(seed: 11);
        var (expected, actual) = (new double[model.Parameters], new double[model.Parameters]);
        var expectedValue = model.Gradient(p, expected);

        var actualValue = Rnn(model).CompileGradient()(p, model.Sequences, model.Targets, actual);

        Assert.Equal(expectedValue, actualValue, 1e-13);
        var scale = expected.Max(Math.Abs);
        for (var i = 0; i < p.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-11 * scale, $"∂L/∂p[{i}]: {actual[i]} vs BPTT {expected[i]}");
    }

    /// <summary>
    /// A fold over <c>Enumerable.Range(0, steps)</c> with a <c>new[] { … }</c> step and a result selector, unrolled:
    /// the seed's components, then each step's components written over the previous ones (<c>s[k]</c> replaced), then the selector.
    /// </summary>
    private static Expression<Func<double[], double>> Unrolled(Expression<Func<double[], double>> fold, int steps)
    {
        var call = (MethodCallExpression)fold.Body;
        var seed = ((NewArrayExpression)call.Arguments[1]).Expressions;
        var step = (LambdaExpression)call.Arguments[2];
        var selector = (LambdaExpression)call.Arguments[3];
        IReadOnlyList<Expression> state = seed;
        for (var t = 0; t < steps; t++)
        {
            var previous = state;
            state = [.. ((NewArrayExpression)step.Body).Expressions.Select(e => new ComponentReads(step.Parameters[0], previous).Visit(e))];
        }
        return Expression.Lambda<Func<double[], double>>(new ComponentReads(selector.Parameters[0], state).Visit(selector.Body), fold.Parameters);
    }

    private sealed class ComponentReads(ParameterExpression state, IReadOnlyList<Expression> components) : ExpressionVisitor
    {
        protected override Expression VisitBinary(BinaryExpression node) =>
            node.NodeType == ExpressionType.ArrayIndex && node.Left == state && node.Right is ConstantExpression { Value: int k } ? components[k] : base.VisitBinary(node);
    }
}
