using System.ComponentModel;
using System.Reflection;

namespace Symbolic.Runtime;

/// <summary>
/// Scratch memory for compiled gradients: the buffers of dense intermediates (one per slot), the room for the
/// intermediate rows of vectorised row maps, and the spill arrays of split methods. Each thread has its own set,
/// grown on demand and kept, so a warm call allocates nothing and threads never share a buffer. A buffer holds
/// nothing from one call to the next. Not for direct use: compiled code and printed C# source call it.
/// </summary>
/// <remarks>
/// A compilation context owns the pool its compiled code rents from (the code holds it as a constant); printed C#
/// source names <see cref="Shared"/>, the pool of the default context, so that it compiles on its own.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class BufferPool
{
    internal static readonly MethodInfo RentSpillMethod = typeof(BufferPool).GetMethod(nameof(RentSpill))!;
    internal static readonly MethodInfo ReturnSpillMethod = typeof(BufferPool).GetMethod(nameof(ReturnSpill))!;

    private readonly ThreadLocal<ThreadBuffers> _threads = new(() => new ThreadBuffers());

    /// <summary>A pool of its own, for a compilation context that does not share the default one.</summary>
    internal BufferPool() { }

    /// <summary>The pool of the default compilation context (what printed C# source names).</summary>
    public static BufferPool Shared { get; } = new();

    /// <summary>The calling thread's buffer for <paramref name="slot"/>, at least <paramref name="length"/> long (contents not cleared).</summary>
    /// <param name="slot">The buffer's slot: one per dense intermediate of a compiled model.</param>
    /// <param name="length">The doubles needed.</param>
    public double[] Slot(int slot, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, Array.MaxLength);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var buffers = _threads.Value!;
        if (slot >= buffers.Slots.Length) Array.Resize(ref buffers.Slots, Math.Max(slot + 1, 2 * buffers.Slots.Length));
        ref var buffer = ref buffers.Slots[slot];
        if (buffer is null || buffer.Length < length) buffer = new double[length];
        return buffer;
    }

    /// <summary>The calling thread's room for the intermediate rows of one grid, at least <paramref name="length"/> long (overwritten by the next grid).</summary>
    /// <param name="length">The doubles needed.</param>
    public double[] Scratch(int length)
    {
        var buffers = _threads.Value!;
        if (buffers.Scratch is null || buffers.Scratch.Length < length) buffers.Scratch = new double[length];
        return buffers.Scratch;
    }

    /// <summary>
    /// A spill array of at least <paramref name="length"/> entries for a split method, the caller's until
    /// <see cref="ReturnSpill"/>: taken out of the pool while in use, so a nested call on the same thread gets a fresh one.
    /// </summary>
    /// <param name="length">The entries needed.</param>
    public double[] RentSpill(int length)
    {
        var buffers = _threads.Value!;
        var array = buffers.Spill;
        if (array is null || array.Length < length) return new double[length];
        buffers.Spill = null;
        return array;
    }

    /// <summary>Gives a spill array back to the calling thread's set (the larger one is kept).</summary>
    /// <param name="array">An array from <see cref="RentSpill"/>.</param>
    public void ReturnSpill(double[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        var buffers = _threads.Value!;
        if (buffers.Spill is null || buffers.Spill.Length < array.Length) buffers.Spill = array;
    }

    /// <summary>One thread's buffers.</summary>
    private sealed class ThreadBuffers
    {
        public double[]?[] Slots = new double[]?[64];
        public double[]? Scratch;
        public double[]? Spill;
    }
}
