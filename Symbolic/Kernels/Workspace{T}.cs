namespace Symbolic.Kernels;

/// <summary>
/// Packing buffers owned by one thread (the caller's or a pool worker's), grown on demand and kept,
/// so a product allocates nothing once its thread has seen a product of that size.
/// </summary>
internal sealed class Workspace<T> where T : unmanaged
{
    // One per thread and element type (a static field of a generic class is per closed type).
    [ThreadStatic] private static Workspace<T>? t_current;

    /// <summary>The calling thread's buffers.</summary>
    public static Workspace<T> Current => t_current ??= new Workspace<T>();

    private T[] _packedA = [], _packedB = [];

    /// <summary>A scratch tile for edge tiles and strided outputs, as large as any micro-kernel's tile (12×32 floats, 16×16 doubles).</summary>
    public T[] Tile { get; } = new T[16 * 32];

    /// <summary>The A buffer, at least <paramref name="length"/> long (its contents are not kept when it grows).</summary>
    public T[] PackedA(int length) => Ensure(ref _packedA, length);

    /// <summary>The B buffer, at least <paramref name="length"/> long (its contents are not kept when it grows).</summary>
    public T[] PackedB(int length) => Ensure(ref _packedB, length);

    private static T[] Ensure(ref T[] buffer, int length) =>
        buffer.Length >= length ? buffer : buffer = GC.AllocateUninitializedArray<T>(length);
}
