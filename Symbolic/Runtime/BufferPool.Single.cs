namespace Symbolic.Runtime;

public sealed partial class BufferPool
{
    // Float buffers are a set of their own: a slot's double and float buffers never alias.
    private readonly ThreadLocal<SingleThreadBuffers> _singleThreads = new(() => new SingleThreadBuffers());

    /// <summary>The calling thread's float buffer for <paramref name="slot"/>, at least <paramref name="length"/> long (contents not cleared).</summary>
    /// <param name="slot">The buffer's slot: one per dense intermediate of a compiled single-precision model.</param>
    /// <param name="length">The floats needed.</param>
    public float[] SingleSlot(int slot, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, Array.MaxLength);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var buffers = _singleThreads.Value!;
        if (slot >= buffers.Slots.Length) Array.Resize(ref buffers.Slots, Math.Max(slot + 1, 2 * buffers.Slots.Length));
        ref var buffer = ref buffers.Slots[slot];
        if (buffer is null || buffer.Length < length) buffer = new float[length];
        return buffer;
    }

    /// <summary>The calling thread's float room for the intermediate rows of one grid, at least <paramref name="length"/> long (overwritten by the next grid).</summary>
    /// <param name="length">The floats needed.</param>
    public float[] SingleScratch(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var buffers = _singleThreads.Value!;
        if (buffers.Scratch is null || buffers.Scratch.Length < length) buffers.Scratch = new float[length];
        return buffers.Scratch;
    }

    /// <summary>One thread's float buffers (split methods spill floats into the double spill arrays: exact).</summary>
    private sealed class SingleThreadBuffers
    {
        public float[]?[] Slots = new float[]?[64];
        public float[]? Scratch;
    }
}
