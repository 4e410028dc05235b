using System.Linq.Expressions;
using Symbolic.Optimization;

namespace Symbolic.Tests.Optimization;

public class BatchGradientTests
{
    /// <summary>Logistic regression's negative log-likelihood over rows (x₀, x₁, x₂, label), softplus written stably.</summary>
    private static readonly Expression<Func<double[], double[][], double>> LogisticLoss =
        (w, rows) => rows.Sum(r => (w[0] * r[0] + w[1] * r[1] + w[2] * r[2] + w[3] > 0
                                       ? w[0] * r[0] + w[1] * r[1] + w[2] * r[2] + w[3] + Math.Log(1 + Math.Exp(-(w[0] * r[0] + w[1] * r[1] + w[2] * r[2] + w[3])))
                                       : Math.Log(1 + Math.Exp(w[0] * r[0] + w[1] * r[1] + w[2] * r[2] + w[3])))
                                   - r[3] * (w[0] * r[0] + w[1] * r[1] + w[2] * r[2] + w[3]));

    private static readonly Expression<Func<double[], double[][], double>> MeanSquaredError =
        (w, rows) => rows.Average(r => Math.Pow(w[0] * r[0] + w[1] * r[1] + w[2] * r[2] + w[3] - r[3], 2));

    private static readonly double[] W = [0.7, -1.3, 0.4, 0.2];

    private static double[][] Rows(int count, int seed = 5)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            double[] x = [random.NextDouble() * 4 - 2, random.NextDouble() * 4 - 2, random.NextDouble() * 4 - 2];
            var label = random.NextDouble() < 1 / (1 + Math.Exp(-(x[0] - x[1] + 0.5 * x[2]))) ? 1.0 : 0.0;
            return new[] { x[0], x[1], x[2], label };
        })];
    }

    private static (double Value, double[] Gradient) Serial(Expression<Func<double[], double[][], double>> model, double[][] rows)
    {
        var gradient = new double[W.Length];
        return (model.CompileGradient()(W, rows, gradient), gradient);
    }

    private static (double Value, double[] Gradient) Parallel(BatchGradient<double[]> batch)
    {
        var gradient = new double[W.Length];
        return (batch.Evaluate(W, gradient), gradient);
    }

    private static void AssertClose((double Value, double[] Gradient) expected, (double Value, double[] Gradient) actual, double relative = 1e-12)
    {
        Assert.True(Math.Abs(expected.Value - actual.Value) <= relative * Math.Abs(expected.Value), $"value {actual.Value:R}, serial {expected.Value:R}");
        var scale = expected.Gradient.Max(Math.Abs);
        for (var j = 0; j < expected.Gradient.Length; j++)
            Assert.True(Math.Abs(expected.Gradient[j] - actual.Gradient[j]) <= relative * scale, $"∂/∂w[{j}]: {actual.Gradient[j]:R}, serial {expected.Gradient[j]:R}");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void The_parallel_gradient_of_a_sum_equals_the_serial_one_within_1e_12(int chunks)
    {
        var rows = Rows(10_001);
        using var batch = LogisticLoss.CompileBatchGradient(rows, new BatchGradientOptions { ChunkCount = chunks });

        AssertClose(Serial(LogisticLoss, rows), Parallel(batch));
    }

    [Fact]
    public void The_parallel_gradient_of_a_mean_equals_the_serial_one_within_1e_12()
    {
        var rows = Rows(9_999);
        using var batch = MeanSquaredError.CompileBatchGradient(rows, new BatchGradientOptions { ChunkCount = 3, Reduction = BatchReduction.Mean });

        AssertClose(Serial(MeanSquaredError, rows), Parallel(batch));
    }

    [Fact]
    public void Inputs_and_targets_in_two_arrays_give_the_serial_gradient_of_a_Zip_model()
    {
        Expression<Func<double[], double[][], double[], double>> model =
            (w, xs, ys) => xs.Zip(ys, (x, y) => Math.Pow(w[0] * x[0] + w[1] * x[1] + w[2] * x[2] + w[3] - y, 2)).Sum();
        var rows = Rows(5_001);
        double[][] xs = [.. rows.Select(r => r[..3])];
        double[] ys = [.. rows.Select(r => r[3])];
        var serialGradient = new double[4];
        var serialValue = model.CompileGradient()(W, xs, ys, serialGradient);
        using var batch = model.CompileBatchGradient(xs, ys, new BatchGradientOptions { ChunkCount = 4 });

        var gradient = new double[4];
        var value = batch.Evaluate(W, gradient);

        AssertClose((serialValue, serialGradient), (value, gradient));
    }

    [Fact]
    public void Repeated_calls_are_bit_identical()
    {
        using var batch = LogisticLoss.CompileBatchGradient(Rows(20_000));
        var first = Parallel(batch);

        for (var run = 0; run < 50; run++)
        {
            var again = Parallel(batch);
            Assert.Equal(BitConverter.DoubleToInt64Bits(first.Value), BitConverter.DoubleToInt64Bits(again.Value));
            Assert.Equal(first.Gradient.Select(BitConverter.DoubleToInt64Bits), again.Gradient.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void The_result_depends_on_the_chunks_only_not_on_the_threads()
    {
        var rows = Rows(7_777);
        var results = new[] { 1, 2, 3, 4 }.Select(threads =>
        {
            using var batch = LogisticLoss.CompileBatchGradient(rows, new BatchGradientOptions { ChunkCount = 4, MaxThreads = threads });
            return Parallel(batch);
        }).ToList();

        foreach (var result in results.Skip(1))
        {
            Assert.Equal(results[0].Value, result.Value);
            Assert.Equal(results[0].Gradient, result.Gradient);
        }
    }

    [Fact]
    public void More_chunks_than_rows_gives_one_chunk_per_row()
    {
        var rows = Rows(3);
        using var batch = LogisticLoss.CompileBatchGradient(rows, new BatchGradientOptions { ChunkCount = 16 });

        Assert.Equal(3, batch.ChunkCount);
        AssertClose(Serial(LogisticLoss, rows), Parallel(batch));
    }

    [Fact]
    public void No_rows_give_a_zero_sum_and_a_zero_gradient()
    {
        using var batch = LogisticLoss.CompileBatchGradient([]);

        var gradient = new double[] { 9, 9, 9, 9 };

        Assert.Equal(0, batch.Evaluate(W, gradient));
        Assert.Equal([0.0, 0, 0, 0], gradient);
    }

    [Fact]
    public void Lbfgs_on_the_batch_gradient_finds_the_serial_minimiser()
    {
        var rows = Rows(4_000);
        var serial = LogisticLoss.CompileGradient();
        using var batch = LogisticLoss.CompileBatchGradient(rows);

        var expected = new Lbfgs().Minimize((w, g) => serial(w, rows, g), new double[4], new StoppingCriteria { GradientTolerance = 1e-9 });
        var actual = new Lbfgs().Minimize(batch.Evaluate, new double[4], new StoppingCriteria { GradientTolerance = 1e-9 });

        Assert.True(actual.Converged);
        Assert.True(TestProblems.MaxDistance(expected.Minimizer, actual.Minimizer) <= 1e-8);
    }

    [Fact]
    public void An_exception_in_a_chunk_reaches_the_caller_with_its_type_and_the_object_stays_usable()
    {
        // Rows of length 3 make r[3] read out of range in every chunk.
        var rows = Rows(100);
        var shortRows = rows.Select(r => r[..3]).ToArray();
        var model = LogisticLoss.CompileGradient();
        var fail = true;
        GradientFunc<double[][]> sometimesFailing = (w, chunk, g) => model(w, fail ? shortRows[..chunk.Length] : chunk, g);
        using var batch = new BatchGradient<double[]>(sometimesFailing, rows, new BatchGradientOptions { ChunkCount = 2 });

        Assert.Throws<IndexOutOfRangeException>(() => Parallel(batch));
        fail = false;
        AssertClose(Serial(LogisticLoss, rows), Parallel(batch));
    }

    [Fact]
    public async Task A_call_while_another_is_running_throws_InvalidOperationException()
    {
        using var entered = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        GradientFunc<int[]> blocking = (w, rows, g) =>
        {
            if (rows[0] == 0) { entered.Set(); gate.Wait(); }
            g[0] = 0;
            return 0;
        };
        using var batch = new BatchGradient<int>(blocking, [0, 1], new BatchGradientOptions { ChunkCount = 2 });

        var first = Task.Run(() => batch.Evaluate([0.0], new double[1]));
        entered.Wait();
        Assert.Throws<InvalidOperationException>(() => batch.Evaluate([0.0], new double[1]));
        gate.Set();
        await first;
    }

    [Fact]
    public void A_call_allocates_nothing_on_the_callers_thread()
    {
        using var batch = LogisticLoss.CompileBatchGradient(Rows(2_000));
        var gradient = new double[4];
        batch.Evaluate(W, gradient);
        // The first time a thread blocks, the runtime allocates its wait state (once per thread, on Unix);
        // whether a call blocks or its spin succeeds is timing, so make sure that has happened before measuring.
        BlockOnce();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) batch.Evaluate(W, gradient);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_disposed_batch_gradient_throws_ObjectDisposedException()
    {
        var batch = LogisticLoss.CompileBatchGradient(Rows(10));
        batch.Dispose();
        batch.Dispose();

        Assert.Throws<ObjectDisposedException>(() => batch.Evaluate(W, new double[4]));
    }

    [Fact]
    public void Its_worker_threads_do_not_keep_an_undisposed_batch_gradient_alive()
    {
        var reference = MakeAndForget();

        for (var i = 0; i < 5 && reference.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(reference.IsAlive);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference MakeAndForget()
    {
        var batch = LogisticLoss.CompileBatchGradient(Rows(100), new BatchGradientOptions { ChunkCount = 2, MaxThreads = 2 });
        batch.Evaluate(W, new double[4]);
        return new WeakReference(batch);
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        using var batch = LogisticLoss.CompileBatchGradient(Rows(10));

        Assert.Throws<ArgumentException>(() => batch.Evaluate(W, new double[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => LogisticLoss.CompileBatchGradient(Rows(10), new BatchGradientOptions { ChunkCount = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => LogisticLoss.CompileBatchGradient(Rows(10), new BatchGradientOptions { MaxThreads = 0 }));
        Assert.Throws<ArgumentException>(() => Calculus.CompileBatchGradient<double[], double>((w, xs, ys) => 0.0, [[1.0]], [1.0, 2.0]));
    }

    private static void BlockOnce()
    {
        using var released = new ManualResetEventSlim(false, spinCount: 0);
        var releaser = Task.Run(() => { Thread.Sleep(20); released.Set(); });
        released.Wait();
        releaser.Wait();
    }
}
