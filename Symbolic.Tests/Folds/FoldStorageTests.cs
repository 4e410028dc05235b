using System.Linq.Expressions;
using Symbolic.Pipeline;

namespace Symbolic.Tests.Folds;

/// <summary>
/// What the plan-folds pass keeps: backward sweeps keep two rows of adjoints when their step's outside inputs are
/// accumulated inside the sweep, checkpointed folds keep every k-th state; the first call allocates that, not every state,
/// and a warm call allocates nothing.
/// </summary>
public class FoldStorageTests
{
    private const int Steps = 100000;

    private static readonly Expression<Func<double[], double>> Long = x => Enumerable.Range(0, Steps).Aggregate(x[1], (y, t) => y + 1e-5 * (-x[0] * y));

    private static string PlanOf(LambdaExpression f, FoldCheckpointing folds)
    {
        var trace = new PassTrace();
        GradientPasses.Run(Calculus.DefaultContext, f, new GradientPassOptions(true, trace) { Folds = folds });
        return trace.After("plan-folds");
    }

    [Fact]
    public void A_sweep_whose_inputs_are_accumulated_keeps_two_rows_and_a_checkpointed_fold_every_kth_state()
    {
        var stored = PlanOf(Long, FoldCheckpointing.EveryState);
        var checkpointed = PlanOf(Long, FoldCheckpointing.SquareRoot);

        Assert.Contains("reverse-fold t < 100000 width 1: two rows, 1 accumulators\n", stored);
        Assert.DoesNotContain("every k-th state", stored);
        Assert.Contains("fold t < 100000 width 1: √T states, every k-th state kept", checkpointed);
        Assert.Contains("two rows, 1 accumulators, recomputes each segment", checkpointed);
    }

    [Fact]
    public void An_Elman_step_accumulates_one_adjoint_per_weight_and_a_step_reading_x_at_t_keeps_every_row()
    {
        var inputs = Enumerable.Range(0, 20).Select(t => new[] { Math.Sin(0.3 * t), Math.Cos(0.2 * t) }).ToArray();
        Expression<Func<double[], double>> rnn = x => inputs.Aggregate(new double[4],
            (h, u) => Enumerable.Range(0, 4).Select(j => Math.Tanh(Enumerable.Range(0, 4).Sum(k => x[4 * j + k] * h[k]) + x[16 + 2 * j] * u[0] + x[17 + 2 * j] * u[1])).ToArray(),
            h => h.Sum(v => v * v));
        Expression<Func<double[], double>> product = x => x.Aggregate(1.0, (p, v) => p * v);

        // 16 recurrent weights (4 × 4, read in the step's loops) and 4 + 4 input weights (4 each, read per component).
        Assert.Contains("two rows, 24 accumulators", PlanOf(rnn, FoldCheckpointing.EveryState));
        Assert.Equal("every row stored\n", PlanOf(product, FoldCheckpointing.SquareRoot));
    }

    private static long FirstCallOnANewThread(GradientFunc gradient)
    {
        // The pool is per thread: a new thread rents every buffer afresh.
        long allocated = 0;
        var thread = new Thread(() =>
        {
            var buffer = new double[2];
            var before = GC.GetAllocatedBytesForCurrentThread();
            gradient([0.5, 2.0], buffer);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        thread.Start();
        thread.Join();
        return allocated;
    }

    [Fact]
    public void The_first_call_allocates_the_checkpoints_not_every_state_and_a_warm_call_nothing()
    {
        var storedGradient = Long.CompileGradient();
        var checkpointedGradient = Long.CompileGradient(FoldCheckpointing.SquareRoot);

        var stored = FirstCallOnANewThread(storedGradient);
        var checkpointed = FirstCallOnANewThread(checkpointedGradient);

        // Every state: 100,001 doubles. √T: s = k = 317, (C + k + 1) = 635 doubles of states, 2 rows and 1 accumulator of adjoints.
        Assert.True(stored >= (Steps + 1) * 8, $"{stored} B");
        Assert.True(checkpointed < 32 * 1024, $"{checkpointed} B");
        var (point, buffer) = (new[] { 0.5, 2.0 }, new double[2]);
        checkpointedGradient(point, buffer);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 3; k++) checkpointedGradient(point, buffer);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
