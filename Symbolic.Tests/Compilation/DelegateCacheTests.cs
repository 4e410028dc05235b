using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Symbolic.Lowering;
using Symbolic.Pipeline;

namespace Symbolic.Tests.Compilation;

/// <summary>
/// The delegate cache on private instances (parallel-safe): least recently used eviction, hits and misses
/// counted, compile-once under concurrency, bounded memory. The shared cache behind CompileGradient is
/// tested in <see cref="SharedDelegateCacheTests"/>.
/// </summary>
public class DelegateCacheTests
{
    /// <summary>x =&gt; x[0] * (k + 0.5): a distinct model (structural key) per k.</summary>
    internal static Expression<Func<double[], double>> Model(int k)
    {
        var x = Expression.Parameter(typeof(double[]), "x");
        return Expression.Lambda<Func<double[], double>>(Expression.Multiply(Expression.ArrayIndex(x, Expression.Constant(0)), Expression.Constant(k + 0.5)), x);
    }

    /// <summary>The default rules, no constant-member hooks.</summary>
    private static readonly FrontendSettings Plain = new(DerivativeRegistry.Default, []);

    /// <summary>Looks model k up, "compiling" it to a delegate returning k and counting compilations.</summary>
    private static Func<int> Get(DelegateCache cache, int k, StrongBox<int>? compilations = null) =>
        cache.GetOrAdd(Model(k), "test", Plain, () =>
        {
            if (compilations is not null) Interlocked.Increment(ref compilations.Value);
            return (Func<int>)(() => k);
        });

    [Fact]
    public void A_working_set_of_600_models_hits_on_the_second_round()
    {
        var cache = new DelegateCache(DelegateCache.DefaultCapacity);
        var compilations = new StrongBox<int>();

        var first = Enumerable.Range(0, 600).Select(k => Get(cache, k, compilations)).ToList();
        var second = Enumerable.Range(0, 600).Select(k => Get(cache, k, compilations)).ToList();

        Assert.Equal(600, compilations.Value);
        Assert.Equal(600, cache.Hits);
        Assert.Equal(600, cache.Misses);
        Assert.All(Enumerable.Range(0, 600), k => Assert.Same(first[k], second[k]));
    }

    [Fact]
    public void The_least_recently_used_models_are_evicted_first()
    {
        var cache = new DelegateCache(8);
        for (var k = 0; k < 8; k++) Get(cache, k);
        Get(cache, 0); // model 0 is now the most recently used; 1 and 2 the least

        Get(cache, 8); // 9 entries: down to 7, the two least recently used go
        var compilations = new StrongBox<int>();
        foreach (var k in new[] { 0, 3, 4, 5, 6, 7, 8 }) Get(cache, k, compilations);

        Assert.Equal(0, compilations.Value);
        Assert.Equal(2, cache.Evictions);
        Get(cache, 1, compilations);
        Assert.Equal(1, compilations.Value);
    }

    [Fact]
    public void Memory_stays_bounded_and_evicted_models_can_be_collected()
    {
        var cache = new DelegateCache(16);
        var data = AddModelsOverCapturedArrays(cache, 2000);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.InRange(cache.Count, 1, 16);
        Assert.Equal(2000 - cache.Count, cache.Evictions);
        // The first models' closures (their captured arrays) are referenced only by evicted entries: collected.
        Assert.All(data.Take(100), weak => Assert.False(weak.TryGetTarget(out _)));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference<double[]>> AddModelsOverCapturedArrays(DelegateCache cache, int count)
    {
        var references = new List<WeakReference<double[]>>();
        for (var k = 0; k < count; k++)
        {
            var weights = new[] { k + 1.0 };
            Expression<Func<double[], double>> f = x => x[0] * weights[0];
            cache.GetOrAdd(f, "test", Plain, () => (Func<int>)(() => 0));
            references.Add(new WeakReference<double[]>(weights));
        }
        return references;
    }

    [Fact]
    public void Threads_asking_for_the_same_models_at_once_get_their_own_delegates_compiled_once_each()
    {
        var cache = new DelegateCache(64);
        var compilations = new StrongBox<int>();
        const int Threads = 8, Models = 48, Rounds = 50;
        using var start = new Barrier(Threads);
        var wrong = 0;

        RunOnThreads(Threads, t =>
        {
            start.SignalAndWait();
            for (var round = 0; round < Rounds; round++)
                for (var i = 0; i < Models; i++)
                {
                    var k = (i * 7 + t * 5) % Models;
                    if (Get(cache, k, compilations)() != k) Interlocked.Increment(ref wrong);
                }
        });

        Assert.Equal(0, wrong);
        Assert.Equal(Models, compilations.Value); // the working set fits: each model compiled once, by one thread
        Assert.Equal(Threads * Models * Rounds, cache.Hits + cache.Misses);
    }

    [Fact]
    public void Threads_cycling_through_more_models_than_fit_get_correct_delegates_and_the_cache_stays_bounded()
    {
        var cache = new DelegateCache(32);
        const int Threads = 6;
        var wrong = 0;

        RunOnThreads(Threads, t =>
        {
            var random = new Random(t);
            for (var i = 0; i < 3000; i++)
            {
                var k = random.Next(100);
                if (Get(cache, k)() != k) Interlocked.Increment(ref wrong);
            }
        });

        Assert.Equal(0, wrong);
        Assert.InRange(cache.Count, 1, 32);
        Assert.True(cache.Evictions > 0);
    }

    /// <summary>Runs <paramref name="work"/>(t) on threads t = 0 .. count - 1; rethrows what any of them threw.</summary>
    private static void RunOnThreads(int count, Action<int> work)
    {
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, count).Select(t => new Thread(() =>
        {
            try { work(t); }
            catch (Exception e) { failures.Enqueue(e); }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        if (!failures.IsEmpty) throw new AggregateException(failures);
    }

    [Fact]
    public void A_failed_compilation_is_not_cached()
    {
        var cache = new DelegateCache(8);
        var f = Model(1);

        Assert.Throws<NotSupportedException>(() => cache.GetOrAdd<Func<int>>(f, "test", Plain, () => throw new NotSupportedException("no rule yet")));
        var compiled = cache.GetOrAdd(f, "test", Plain, () => (Func<int>)(() => 1));

        Assert.Equal(1, compiled());
        Assert.Equal(0, cache.Count - 1);
    }

    private static double Twist(double x) => x;

    [Fact]
    public void A_definition_makes_stale_only_the_models_that_depend_on_the_method_defined()
    {
        var cache = new DelegateCache(8);
        var registry = new DerivativeRegistry();
        registry.Define(x => Twist(x), x => 0.0);
        var frontend = Plain.WithRules(registry);
        Expression<Func<double[], double>> calls = x => Math.Exp(x[0]) * Twist(x[1]);
        Expression<Func<double[], double>> other = x => Math.Exp(x[0]);
        var (a, b) = (cache.GetOrAdd(calls, "test", frontend, () => (Func<int>)(() => 1)), cache.GetOrAdd(other, "test", frontend, () => (Func<int>)(() => 2)));

        registry.Define(x => Twist(x), x => 1.0);

        Assert.NotSame(a, cache.GetOrAdd(calls, "test", frontend, () => (Func<int>)(() => 1)));
        Assert.Same(b, cache.GetOrAdd(other, "test", frontend, () => (Func<int>)(() => 2)));
    }

    [Fact]
    public void Two_registries_sharing_a_cache_never_get_each_others_delegates()
    {
        var cache = new DelegateCache(8);
        var (first, second) = (Plain.WithRules(new DerivativeRegistry()), Plain.WithRules(new DerivativeRegistry()));
        var f = Model(3);

        var one = cache.GetOrAdd(f, "test", first, () => (Func<int>)(() => 1));
        var two = cache.GetOrAdd(f, "test", second, () => (Func<int>)(() => 2));

        Assert.Equal((1, 2), (one(), two()));
        Assert.Same(one, cache.GetOrAdd(f, "test", first, () => (Func<int>)(() => 3)));
        Assert.Equal(2, cache.Misses);
    }
}
