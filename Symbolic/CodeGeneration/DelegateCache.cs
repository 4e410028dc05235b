using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Compiled delegates by structural key: compiling a structurally equal expression again (the same lambda
/// written twice, or one rebuilt in a loop) reuses the delegate. Thread-safe; a hit takes no lock (one
/// lock-free dictionary read and one atomic stamp). Bounded, least recently used first: past
/// <see cref="Capacity"/> entries, the oldest eighth is evicted in one pass (amortised O(log n) per miss),
/// so captured closures are not kept alive forever. A derivative rule defined for a method evicts only the
/// delegates whose models call it (<see cref="ModelDependencies"/>, recorded at compile time).
/// </summary>
/// <param name="capacity">The number of delegates kept.</param>
internal sealed class DelegateCache(int capacity)
{
    /// <summary>The capacity of <see cref="Shared"/>: working sets of several hundred models all hit.</summary>
    public const int DefaultCapacity = 1024;

    /// <summary>The cache behind <see cref="Calculus.CompileGradient(Expression{Func{double[], double}})"/> and its overloads.</summary>
    /// <remarks>It evicts what a definition in any registry can affect (a registry's rules are part of the key, so
    /// entries of other registries depending on the method are evicted too: rarely, and only a recompile).</remarks>
    public static DelegateCache Shared { get; } = ListeningToDefinitions(new(DefaultCapacity));

    private static DelegateCache ListeningToDefinitions(DelegateCache cache)
    {
        DerivativeRegistry.RuleDefined += cache.Invalidate;
        return cache;
    }

    private readonly ConcurrentDictionary<CacheKey, Entry> _entries = new();
    // For each method, the entries whose models depend on it: what a definition of the method evicts.
    private readonly ConcurrentDictionary<MethodInfo, ConcurrentDictionary<CacheKey, Entry>> _dependents = new();
    // For each method defined since the cache was made, the definition count just after its last definition.
    private readonly ConcurrentDictionary<MethodInfo, long> _definedAt = new();
    private readonly Lock _evicting = new();
    private long _clock, _definitions, _hits, _misses, _evictions;

    /// <summary>The number of delegates kept.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be positive.");

    /// <summary>Delegates cached now.</summary>
    public int Count => _entries.Count;

    /// <summary>Requests answered with a cached delegate.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Requests that compiled.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Delegates evicted for room (not by definitions).</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>The delegate for <paramref name="f"/> under the rules in effect: cached, or compiled and cached.</summary>
    /// <param name="f">The model.</param>
    /// <param name="kind">What is compiled from it (part of the key: one model can give several delegates).</param>
    /// <param name="compile">Compiles it; run once per key even when several threads ask at once.</param>
    public TDelegate GetOrAdd<TDelegate>(LambdaExpression f, string kind, Func<TDelegate> compile) where TDelegate : Delegate
    {
        var registry = DerivativeRegistry.Active;
        // The registry in effect is part of the key: the same model compiles differently under another one's rules.
        // So are the parameter blocks' dimensions the compilation reads as constants: a block read through a static
        // field or a closure that has since been reassigned is another model.
        var key = new CacheKey(kind, registry.CacheScope, StructuralKey.For(Lowering.ParameterBlockFolding.Fold(f), parametersByPosition: true));
        if (_entries.TryGetValue(key, out var cached)) return Hit<TDelegate>(cached);
        var definitions = Interlocked.Read(ref _definitions);
        var entry = new Entry(new Lazy<Delegate>(() => compile()), ModelDependencies.Of(f, registry), Interlocked.Increment(ref _clock));
        var winner = _entries.GetOrAdd(key, entry);
        if (winner != entry) return Hit<TDelegate>(winner);
        Interlocked.Increment(ref _misses);
        // Registered before compiling, so that a definition made meanwhile finds the entry and evicts it.
        foreach (var method in entry.Dependencies) _dependents.GetOrAdd(method, _ => new())[key] = entry;
        Delegate compiled;
        try
        {
            compiled = entry.Delegate.Value;
        }
        catch
        {
            Remove(key, entry); // a failure is not cached: a rule defined later may fix it
            throw;
        }
        // A definition of a method it depends on, made while compiling, may have been read or not: the delegate is returned, not kept.
        if (Interlocked.Read(ref _definitions) != definitions && entry.Dependencies.Any(m => _definedAt.TryGetValue(m, out var at) && at > definitions))
            Remove(key, entry);
        if (_entries.Count > Capacity) EvictLeastRecentlyUsed();
        return (TDelegate)compiled;
    }

    /// <summary>Evicts every delegate whose model depends on <paramref name="method"/> (its rule has just changed).</summary>
    /// <param name="method">The method (re)defined.</param>
    public void Invalidate(MethodInfo method)
    {
        // Counted, then recorded, then evicted: a compilation that checks before the record finds its entry evicted.
        _definedAt[method] = Interlocked.Increment(ref _definitions);
        if (!_dependents.TryGetValue(method, out var dependents)) return;
        foreach (var (key, entry) in dependents) Remove(key, entry);
    }

    private TDelegate Hit<TDelegate>(Entry entry) where TDelegate : Delegate
    {
        entry.Touch(Interlocked.Increment(ref _clock));
        Interlocked.Increment(ref _hits);
        return (TDelegate)entry.Delegate.Value;
    }

    /// <summary>
    /// Evicts the least recently used entries down to seven eighths of the capacity; one thread at a time, others go
    /// on. The evicting thread checks again once done, for what was added meanwhile by threads that went on.
    /// </summary>
    private void EvictLeastRecentlyUsed()
    {
        while (_entries.Count > Capacity && _evicting.TryEnter())
        {
            try
            {
                EvictDownTo(Capacity - Capacity / 8);
            }
            finally
            {
                _evicting.Exit();
            }
        }
    }

    private void EvictDownTo(int count)
    {
        var excess = _entries.Count - count;
        if (excess <= 0) return;
        // Enumerated, not copied: the dictionary's ICollection.CopyTo throws when it grows meanwhile.
        var snapshot = new List<KeyValuePair<CacheKey, Entry>>(_entries.Count);
        foreach (var pair in _entries) snapshot.Add(pair);
        foreach (var (key, entry) in snapshot.OrderBy(e => e.Value.LastUse).Take(excess))
            if (Remove(key, entry)) Interlocked.Increment(ref _evictions);
    }

    /// <summary>Removes this entry (not one added again under the same key since) and its dependency records.</summary>
    private bool Remove(CacheKey key, Entry entry)
    {
        var removed = _entries.TryRemove(KeyValuePair.Create(key, entry));
        foreach (var method in entry.Dependencies)
            if (_dependents.TryGetValue(method, out var dependents)) dependents.TryRemove(KeyValuePair.Create(key, entry));
        return removed;
    }

    private readonly record struct CacheKey(string Kind, string Registry, StructuralKey Model);

    /// <summary>A delegate (compiled once), the methods its model depends on, and when it was last used.</summary>
    private sealed class Entry(Lazy<Delegate> compiled, IReadOnlyCollection<MethodInfo> dependencies, long created)
    {
        private long _lastUse = created;

        public Lazy<Delegate> Delegate { get; } = compiled;

        public IReadOnlyCollection<MethodInfo> Dependencies { get; } = dependencies;

        public long LastUse => Volatile.Read(ref _lastUse);

        public void Touch(long now) => Volatile.Write(ref _lastUse, now);
    }
}
