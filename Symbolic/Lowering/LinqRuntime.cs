namespace Symbolic.Lowering;

/// <summary>Checks LINQ makes at run time, called from emitted code so loops fail as LINQ would.</summary>
internal static class LinqRuntime
{
    /// <summary>The count of <c>Enumerable.Range(start, count)</c>; negative counts throw as LINQ does.</summary>
    public static int RangeCount(int count) => count >= 0 ? count : throw new ArgumentOutOfRangeException(nameof(count), count, "Enumerable.Range needs a count ≥ 0.");

    /// <summary>The divisor of <c>Average</c>; an empty sequence throws as LINQ does.</summary>
    public static double AverageCount(int count) => count > 0 ? count : throw new InvalidOperationException("Sequence contains no elements");
}
