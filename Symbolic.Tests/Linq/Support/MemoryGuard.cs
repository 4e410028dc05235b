namespace Symbolic.Tests.Linq.Support;

/// <summary>
/// Differentiating some models has made the library allocate without bound (tens of GB within a
/// minute; see the LINQ report). A thread cannot be stopped in .NET, so rather than let the whole
/// machine run out of memory, the test process ends at once with a message naming the model.
/// The limit is far above what any test in the suite uses.
/// </summary>
internal static class MemoryGuard
{
    private const long LimitBytes = 4L << 30;

    public static T Run<T>(string what, Func<T> action)
    {
        using var watchdog = new Timer(_ =>
        {
            if (GC.GetTotalMemory(forceFullCollection: false) > LimitBytes)
                Environment.FailFast($"Symbolic.Tests.Linq: the library used more than {LimitBytes >> 30} GB on {what}.");
        }, null, dueTime: 100, period: 100);
        return action();
    }
}
