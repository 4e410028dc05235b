using System.Linq.Expressions;

namespace Symbolic.Tests.Compilation;

/// <summary>Tests of the cache shared by every CompileGradient call, run alone (no other test fills or evicts it meanwhile).</summary>
[CollectionDefinition(nameof(SharedDelegateCacheTests), DisableParallelization = true)]
public class SharedDelegateCacheCollection;

/// <summary>
/// CompileGradient's cache through the public API: the same delegate object back is a hit. Oracles for the
/// recompiled gradients: closed forms.
/// </summary>
[Collection(nameof(SharedDelegateCacheTests))]
public class SharedDelegateCacheTests
{
    private static double Warp(double x) => x;
    private static double Bend(double x) => x;
    private static double Fold(double x) => x;

    [Fact]
    public void Six_hundred_compiled_gradients_cycled_twice_are_the_same_delegates_the_second_time()
    {
        var models = Enumerable.Range(0, 600).Select(DelegateCacheTests.Model).ToList();

        var first = models.Select(f => f.CompileGradient()).ToList();
        var second = models.Select(f => f.CompileGradient()).ToList();

        Assert.All(Enumerable.Range(0, 600), k => Assert.Same(first[k], second[k]));
        var gradient = new double[1];
        Assert.Equal(2 * 599.5, second[599]([2.0], gradient));
        Assert.Equal(599.5, gradient[0]);
    }

    [Fact]
    public void A_definition_of_a_method_evicts_the_gradients_of_models_that_call_it_and_keeps_the_others()
    {
        var registry = new DerivativeRegistry();
        registry.Define(x => Warp(x), x => 0.0); // wrong on purpose: redefined below
        registry.Define(x => Bend(x), x => 1.0);
        Expression<Func<double[], double>> callsWarp = p => Warp(p[0]) * p[1];
        Expression<Func<double[], double>> callsBend = p => Bend(p[0]) * p[1];
        Expression<Func<double[], double>> callsNeither = p => p[0] * p[0];
        var (warp, bend, neither, neitherByDefault) = (callsWarp.CompileGradient(registry), callsBend.CompileGradient(registry),
            callsNeither.CompileGradient(registry), callsNeither.CompileGradient());

        registry.Define(x => Warp(x), x => 1.0);
        Calculus.Define(x => Fold(x), x => 1.0);

        var recompiled = callsWarp.CompileGradient(registry);
        Assert.NotSame(warp, recompiled);
        var gradient = new double[2];
        recompiled([3.0, 5.0], gradient);
        Assert.Equal([5.0, 3.0], gradient); // ∂(Warp(a)·b)/∂a = Warp'(a)·b with the new Warp' = 1
        Assert.Same(bend, callsBend.CompileGradient(registry));
        Assert.Same(neither, callsNeither.CompileGradient(registry));
        Assert.Same(neitherByDefault, callsNeither.CompileGradient());
    }

    [Fact]
    public void A_definition_of_a_method_that_an_inline_definition_calls_evicts_the_models_that_call_the_inline_one()
    {
        var registry = new DerivativeRegistry();
        registry.DefineInline(x => Fold(x), x => Bend(x) + x);
        registry.Define(x => Bend(x), x => 0.0);
        Expression<Func<double[], double>> f = p => Fold(p[0]);
        var before = f.CompileGradient(registry);

        registry.Define(x => Bend(x), x => 2.0);

        var after = f.CompileGradient(registry);
        Assert.NotSame(before, after);
        var gradient = new double[1];
        after([1.5], gradient);
        Assert.Equal(3.0, gradient[0]); // Bend' + 1
    }

    [Fact]
    public void The_shared_cache_counts_its_hits()
    {
        var f = DelegateCacheTests.Model(-7);
        f.CompileGradient();
        var hits = Calculus.DefaultContext.Cache.Hits;

        f.CompileGradient();

        Assert.Equal(hits + 1, Calculus.DefaultContext.Cache.Hits);
    }
}
