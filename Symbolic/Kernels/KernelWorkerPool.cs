using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Symbolic.Kernels;

/// <summary>
/// Dedicated background threads, created once, that share matrix products with the calling thread.
/// </summary>
/// <remarks>
/// <para>One product at a time owns the pool: <see cref="TryRun"/> claims it with a compare-exchange and returns
/// false at once if another product (on another thread, or an enclosing product on this one) holds it, so the
/// caller runs single-threaded. Nothing ever waits for the pool, hence no deadlock, also inside parallel loops.</para>
/// <para>Each worker has a slot: the owner writes the task into the slots of the workers it enlists and raises
/// their flags. An idle worker spins on its flag for a short while (back-to-back products, as in a training
/// step, then cost no kernel transition) and then blocks on a monitor. The caller works on the task too, all
/// claiming chunks from one counter, then spins until every enlisted worker has lowered its flag; only then can
/// another product claim the pool.</para>
/// </remarks>
internal static class KernelWorkerPool
{
    /// <summary>Threads that may share a product, the caller included.</summary>
    public static int MaxParallelism { get; } = Math.Clamp(Environment.ProcessorCount, 1, 64);

    // How long an idle worker spins before it blocks: long enough to bridge the elementwise work between products.
    private static readonly long SpinTicks = Stopwatch.Frequency / 5_000; // 200 µs

    private static readonly object Gate = new();
    private static readonly Lazy<Slot[]> Slots = new(StartWorkers);
    private static int _busy;
    private static int _sleepers;
    private static int _pending;
    private static int _nextChunk;
    private static ExceptionDispatchInfo? _failure;

    private sealed class Slot
    {
        public ProductTask Task;
        public volatile bool Ready;
    }

    /// <summary>
    /// Runs <paramref name="task"/> on the caller and <c>task.Parts − 1</c> workers, which claim its chunks from one
    /// shared counter, and returns true,
    /// or returns false without doing anything when the pool is in use.
    /// </summary>
    public static bool TryRun(in ProductTask task)
    {
        if (task.Parts > MaxParallelism || Interlocked.CompareExchange(ref _busy, 1, 0) != 0) return false;
        try
        {
            var slots = Slots.Value;
            _failure = null;
            _pending = task.Parts - 1;
            _nextChunk = 0;
            for (var part = 1; part < task.Parts; part++)
            {
                slots[part].Task = task;
                slots[part].Ready = true;
            }
            Interlocked.MemoryBarrier(); // the flags are visible before the sleepers are read (pairs with the worker's)
            if (Volatile.Read(ref _sleepers) > 0)
                lock (Gate) Monitor.PulseAll(Gate);
            try { task.Execute(ref _nextChunk); }
            finally
            {
                // Workers write into C: never return (or let another product start) before they are done.
                var spinner = new SpinWait();
                while (Volatile.Read(ref _pending) > 0) spinner.SpinOnce(sleep1Threshold: -1);
            }
            _failure?.Throw();
            return true;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private static Slot[] StartWorkers()
    {
        var slots = new Slot[MaxParallelism];
        for (var part = 1; part < slots.Length; part++)
        {
            var slot = slots[part] = new Slot();
            new Thread(() => Work(slot)) { IsBackground = true, Name = $"Symbolic kernel worker {part}" }.Start();
        }
        return slots;
    }

    private static void Work(Slot slot)
    {
        while (true)
        {
            WaitUntilReady(slot);
            var task = slot.Task;
            slot.Task = default; // drop the references to the operands
            try { task.Execute(ref _nextChunk); }
            catch (Exception exception) { Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(exception), null); }
            slot.Ready = false;
            Interlocked.Decrement(ref _pending);
        }
    }

    /// <summary>Spins, then blocks, until the slot's flag is raised.</summary>
    private static void WaitUntilReady(Slot slot)
    {
        var deadline = Stopwatch.GetTimestamp() + SpinTicks;
        while (!slot.Ready)
        {
            if (Stopwatch.GetTimestamp() < deadline) { Thread.SpinWait(20); continue; }
            lock (Gate)
            {
                Interlocked.Increment(ref _sleepers); // a full fence before the re-check below
                while (!slot.Ready) Monitor.Wait(Gate);
                Interlocked.Decrement(ref _sleepers);
            }
        }
    }
}
