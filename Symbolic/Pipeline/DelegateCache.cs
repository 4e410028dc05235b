using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Symbolic.Graph;
using Symbolic.Lowering;

namespace Symbolic.Pipeline;

/// <summary>
/// Compiled delegates by structural key: compiling a structurally equal expression again (the same lambda
/// written twice, or one rebuilt in a loop) reuses the delegate. An instance is owned by a
/// <see cref="CompilationContext"/>; nothing here is static. Thread-safe; a hit takes no lock (one lock-free
/// dictionary read and one atomic stamp). Bounded, least recently used first: past <see cref="Capacity"/>
/// entries, the oldest eighth is evicted in one pass (amortised O(log n) per miss), so captured closures are not
/// kept alive forever.
/// </summary>
/// <remarks>
/// The key is the frontend's view of the model: the registry (its <see cref="DerivativeRegistry.CacheScope"/>) and
/// the tree after the frontend's constant-member folding, so two contexts sharing a cache never serve each other's
/// registry. A derivative rule defined after a delegate was compiled makes it stale only if its model depends on
/// the method defined (<see cref="ModelDependencies"/>, recorded at compile time, checked on each hit against the
/// registry's definition ticks): no event links a registry to its caches.
/// </remarks>
/// <param name="capacity">The number of delegates kept.</param>
internal sealed class DelegateCache(int capacity)
{
    /// <summary>The capacity of the default context's cache: working sets of several hundred models all hit.</summary>
    public const int DefaultCapacity = 1024;

    private readonly ConcurrentDictionary<CacheKey, Entry> _entries = new();
    private readonly Lock _evicting = new();
    private long _clock, _hits, _misses, _evictions;

    /// <summary>The number of delegates kept.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be positive.");

    /// <summary>Delegates cached now.</summary>
    public int Count => _entries.Count;

    /// <summary>Requests answered with a cached delegate.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Requests that compiled.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Delegates evicted for room (not those made stale by definitions).</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>The delegate for <paramref name="f"/> under <paramref name="frontend"/>'s rules: cached, or compiled and cached.</summary>
    /// <param name="f">The model.</param>
    /// <param name="kind">What is compiled from it (part of the key: one model can give several delegates).</param>
    /// <param name="frontend">The rules and folding the model is read with (part of the key).</param>
    /// <param name="compile">Compiles it; run once per key even when several threads ask at once.</param>
    public TDelegate GetOrAdd<TDelegate>(LambdaExpression f, string kind, FrontendSettings frontend, Func<TDelegate> compile) where TDelegate : Delegate
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(frontend);
        var registry = frontend.Rules;
        // The registry is part of the key: the same model compiles differently under another one's rules. So are the
        // member reads the frontend folds to constants: a block read through a static field or a closure that has
        // since been reassigned is another model.
        var key = new CacheKey(kind, registry.CacheScope, StructuralKey.For(ConstantMemberFolding.Fold(f, frontend.ConstantMembers), parametersByPosition: true));
        while (true)
        {
            if (_entries.TryGetValue(key, out var cached))
            {
                if (!cached.IsStale(registry)) return Hit<TDelegate>(cached);
                Remove(key, cached); // a method it depends on was defined since: compile again
                continue;
            }
            // Read before compiling: a definition at a later tick may or may not have been seen, so it makes the entry stale.
            var tick = DerivativeRegistry.DefinitionClock;
            var entry = new Entry(new Lazy<Delegate>(() => compile()), ModelDependencies.Of(f, registry), tick, Interlocked.Increment(ref _clock));
            var winner = _entries.GetOrAdd(key, entry);
            if (winner != entry) continue; // another thread added it meanwhile: checked like any cached entry
            Interlocked.Increment(ref _misses);
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
            if (_entries.Count > Capacity) EvictLeastRecentlyUsed();
            return (TDelegate)compiled;
        }
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

    /// <summary>Removes this entry (not one added again under the same key since).</summary>
    private bool Remove(CacheKey key, Entry entry) => _entries.TryRemove(KeyValuePair.Create(key, entry));

    private readonly record struct CacheKey(string Kind, string Registry, StructuralKey Model);

    /// <summary>A delegate (compiled once), the methods its model depends on, the definition tick it was compiled at, and when it was last used.</summary>
    private sealed class Entry(Lazy<Delegate> compiled, IReadOnlyCollection<MethodInfo> dependencies, long tick, long created)
    {
        private long _lastUse = created;

        public Lazy<Delegate> Delegate { get; } = compiled;

        public long LastUse => Volatile.Read(ref _lastUse);

        public void Touch(long now) => Volatile.Write(ref _lastUse, now);

        /// <summary>Whether a method the model depends on has been defined in <paramref name="registry"/>'s chain since it was compiled.</summary>
        public bool IsStale(DerivativeRegistry registry)
        {
            foreach (var method in dependencies)
                if (registry.RedefinedSince(method, tick)) return true;
            return false;
        }
    }
}
