namespace Symbolic.CodeGeneration;

/// <summary>
/// Per-thread spill arrays for split methods (<see cref="MethodSplitter"/>): one array per thread is
/// kept and handed out again, so a warm gradient call allocates nothing. An array is taken out of the
/// pool while in use, so a nested call on the same thread gets a fresh one instead of sharing it.
/// </summary>
internal static class SpillPool
{
    [ThreadStatic] private static double[]? _free;

    /// <summary>An array of at least <paramref name="length"/> entries, owned by the caller until <see cref="Return"/>.</summary>
    public static double[] Rent(int length)
    {
        var array = _free;
        if (array is null || array.Length < length) return new double[length];
        _free = null;
        return array;
    }

    /// <summary>Gives an array back to this thread's pool (the larger one is kept).</summary>
    public static void Return(double[] array)
    {
        if (_free is null || _free.Length < array.Length) _free = array;
    }
}
