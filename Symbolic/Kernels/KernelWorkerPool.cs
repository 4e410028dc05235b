using System.Diagnostics;
using System.Numerics;
using System.Runtime.ExceptionServices;

namespace Symbolic.Kernels;

/// <summary>
/// Dedicated background threads, created once, that share matrix products with the calling thread.
/// </summary>
/// <remarks>
/// <para>One product at a time owns the pool: <see cref="TryRun"/> claims it with a compare-exchange and returns
/// false at once if another product (on another thread, or an enclosing product on this one) holds it, so the
/// caller runs single-threaded. Nothing ever waits for the pool, hence no deadlock, also inside parallel loops.</para>
/// <para>The owner publishes the task by starting a new generation in <see cref="_state"/>; idle workers spin on
/// it for a short while (back-to-back products, as in a training step, then cost no kernel transition) and then
/// block on a monitor. A worker that sees the generation open joins it (counted in <see cref="_state"/>) and
/// claims chunks alongside the caller. When the chunks are all taken the caller closes the generation and waits
/// only for the workers that joined: a worker the OS has not scheduled in time is simply not waited for.</para>
/// </remarks>
internal static class KernelWorkerPool
{
    /// <summary>Threads that may share a product, the caller included.</summary>
    public static int MaxParallelism { get; } = Math.Clamp(Environment.ProcessorCount, 1, 64);

    // How long an idle worker spins before it blocks: long enough to bridge the elementwise work between products.
    private static readonly long SpinTicks = Stopwatch.Frequency / 10_000; // 100 µs

    // _state: generation in the high 32 bits, Closed, then the number of workers in the product in the low bits.
    private const long Closed = 1L << 31;
    private const long Joined = Closed - 1;
    private const int GenerationShift = 32;

    private static readonly object Gate = new();
    private static readonly Lazy<bool> Started = new(StartWorkers);
    private static int _busy;
    private static long _state = Closed;
    private static int _sleepers;
    private static int _joinLimit;
    private static int _nextChunk;
    private static Action? _execute;
    private static ExceptionDispatchInfo? _failure;
    private static long _sharedProducts;

    /// <summary>How many products the pool has shared out since the process started (tests observe the thread setting with it).</summary>
    public static long SharedProducts => Interlocked.Read(ref _sharedProducts);

    /// <summary>
    /// Runs <paramref name="task"/> on the caller and up to <c>task.Parts − 1</c> workers, which claim its chunks
    /// from one shared counter, and returns true; returns false without doing anything when the pool is in use.
    /// </summary>
    public static bool TryRun<T>(in ProductTask<T> task) where T : unmanaged, INumberBase<T>
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0) return false;
        try
        {
            _ = Started.Value;
            Interlocked.Increment(ref _sharedProducts);
            Pending<T>.Task = task;
            _execute = Pending<T>.Execute;
            _failure = null;
            _nextChunk = 0;
            _joinLimit = task.Parts - 1;
            // A full fence: the task is visible before the open generation, which is visible before the sleepers are read.
            Interlocked.Exchange(ref _state, ((_state >> GenerationShift) + 1) << GenerationShift);
            if (Volatile.Read(ref _sleepers) > 0)
                lock (Gate) Monitor.PulseAll(Gate);
            try { task.Execute(ref _nextChunk); }
            finally
            {
                // No worker joins from now on; those that did write into C, so wait for them.
                Interlocked.Or(ref _state, Closed);
                var spinner = new SpinWait();
                while ((Volatile.Read(ref _state) & Joined) != 0) spinner.SpinOnce(sleep1Threshold: -1);
            }
            _failure?.Throw();
            return true;
        }
        finally
        {
            Pending<T>.Task = default;
            _execute = null;
            Volatile.Write(ref _busy, 0);
        }
    }

    private static bool StartWorkers()
    {
        for (var index = 1; index < MaxParallelism; index++)
            new Thread(Work) { IsBackground = true, Name = $"Symbolic kernel worker {index}" }.Start();
        return true;
    }

    private static void Work()
    {
        var seen = Volatile.Read(ref _state) >> GenerationShift;
        while (true)
        {
            var state = WaitForNewGeneration(seen);
            seen = state >> GenerationShift;
            if (!TryJoin(state)) continue;
            try
            {
                _execute!(); // stable: the owner cannot finish, nor another product start, while this worker is joined
            }
            catch (Exception exception) { Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(exception), null); }
            finally { Interlocked.Decrement(ref _state); }
        }
    }

    /// <summary>Joins the product of <paramref name="state"/>'s generation if it is still open and short of workers.</summary>
    private static bool TryJoin(long state)
    {
        while (true)
        {
            if ((state & Closed) != 0 || (state & Joined) >= Volatile.Read(ref _joinLimit)) return false;
            var current = Interlocked.CompareExchange(ref _state, state + 1, state);
            if (current == state) return true;
            if (current >> GenerationShift != state >> GenerationShift) return false;
            state = current;
        }
    }

    /// <summary>Spins, then blocks, until the generation differs from <paramref name="seen"/>; returns the state then.</summary>
    private static long WaitForNewGeneration(long seen)
    {
        var deadline = Stopwatch.GetTimestamp() + SpinTicks;
        long state;
        while ((state = Volatile.Read(ref _state)) >> GenerationShift == seen)
        {
            if (Stopwatch.GetTimestamp() < deadline) { Thread.SpinWait(20); continue; }
            lock (Gate)
            {
                Interlocked.Increment(ref _sleepers); // a full fence before the re-check (pairs with the owner's exchange)
                while ((state = Volatile.Read(ref _state)) >> GenerationShift == seen) Monitor.Wait(Gate);
                Interlocked.Decrement(ref _sleepers);
            }
        }
        return state;
    }

    /// <summary>The product of element type <typeparamref name="T"/> the pool is running, and a cached delegate that joins it.</summary>
    private static class Pending<T> where T : unmanaged, INumberBase<T>
    {
        public static ProductTask<T> Task;

        public static readonly Action Execute = static () =>
        {
            var task = Task;
            task.Execute(ref _nextChunk);
        };
    }
}
