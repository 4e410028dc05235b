using System.Collections.Concurrent;
using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Compiled delegates by structural key: compiling a structurally equal expression again (the same
/// lambda written twice, or one rebuilt in a loop) reuses the delegate. Thread-safe. Bounded: when
/// full it starts over, so captured closures are not kept alive forever.
/// </summary>
internal static class DelegateCache
{
    private const int Capacity = 512;
    private static readonly ConcurrentDictionary<(string Kind, StructuralKey Key), Lazy<Delegate>> Cache = new();

    public static TDelegate GetOrAdd<TDelegate>(LambdaExpression f, string kind, Func<TDelegate> compile) where TDelegate : Delegate
    {
        if (Cache.Count >= Capacity) Cache.Clear();
        // Derivative rules change what compiles: the registry in effect (and its state) is part of the key.
        var entry = Cache.GetOrAdd((kind + "@" + DerivativeRegistry.Active.CacheTag, StructuralKey.For(f, parametersByPosition: true)), _ => new Lazy<Delegate>(() => compile()));
        return (TDelegate)entry.Value;
    }

    /// <summary>Number of cached delegates (for tests).</summary>
    public static int Count => Cache.Count;
}
