namespace Symbolic.Kernels;

/// <summary>
/// Packing buffers owned by one thread (the caller's or a pool worker's), grown on demand and kept,
/// so a product allocates nothing once its thread has seen a product of that size.
/// </summary>
internal sealed class Workspace
{
    [ThreadStatic] private static Workspace? t_current;

    /// <summary>The calling thread's buffers.</summary>
    public static Workspace Current => t_current ??= new Workspace();

    private double[] _packedA = [], _packedB = [];

    /// <summary>A scratch tile for edge tiles and strided outputs, as large as any micro-kernel's tile.</summary>
    public double[] Tile { get; } = new double[16 * 16];

    /// <summary>The A buffer, at least <paramref name="length"/> long (its contents are not kept when it grows).</summary>
    public double[] PackedA(int length) => Ensure(ref _packedA, length);

    /// <summary>The B buffer, at least <paramref name="length"/> long (its contents are not kept when it grows).</summary>
    public double[] PackedB(int length) => Ensure(ref _packedB, length);

    private static double[] Ensure(ref double[] buffer, int length) =>
        buffer.Length >= length ? buffer : buffer = GC.AllocateUninitializedArray<double>(length);
}
