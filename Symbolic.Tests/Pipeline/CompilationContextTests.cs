using System.Linq.Expressions;
using Symbolic.Lowering;
using Symbolic.Pipeline;
using Symbolic.Runtime;
using Symbolic.Tests.Extensibility;

namespace Symbolic.Tests.Pipeline;

/// <summary>
/// The explicit compilation context: registries are passed, never ambient, and a context's cache never serves
/// another registry's code. Oracles: each registry's rule applied by hand (closed forms).
/// </summary>
public class CompilationContextTests
{
    // f(p) = Ramp(p[0]) · p[1], with Ramp(x) = 2x at run time and a registry-specific rule Ramp'(x) = k·cos(x):
    // ∂f/∂p0 = k·cos(p0)·p1, ∂f/∂p1 = 2·p0.
    private static double Ramp(double x) => 2 * x;

    // A new, structurally equal tree on each call.
    private static Expression<Func<double[], double>> Model() => p => Ramp(p[0]) * p[1];

    private static DerivativeRegistry RampRegistry(double k)
    {
        var registry = new DerivativeRegistry();
        registry.Define(x => Ramp(x), x => k * Math.Cos(x));
        return registry;
    }

    private static double[] Expected(double k, double[] point) => [k * Math.Cos(point[0]) * point[1], 2 * point[0]];

    private static GradientFunc Compile(CompilationContext context, Expression<Func<double[], double>> f) =>
        context.Cached(f, "gradient", GradientOutputs.CompiledGradient<GradientFunc>);

    [Fact]
    public void Two_contexts_with_different_registries_compile_the_same_model_to_different_derivatives_concurrently()
    {
        var contexts = new[] { 3.0, -5.0 }.Select(k => (K: k, Context: Calculus.DefaultContext.WithRegistry(RampRegistry(k)))).ToArray();
        const int Threads = 4, Rounds = 25;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var start = new Barrier(Threads);

        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var round = 0; round < Rounds; round++)
            {
                var (k, context) = contexts[(t + round) % contexts.Length];
                double[] point = [0.1 * round - 1, 1.5 + t];
                var gradient = new double[2];
                Compile(context, Model())(point, gradient); // a new, structurally equal lambda each time: through the cache
                var printed = ((Expression<Func<double[], double[]>>)GradientOutputs.Grad(context, Model())).Compile()(point);
                if (!Close(gradient, Expected(k, point))) failures.Enqueue($"compiled, k = {k}: {string.Join(", ", gradient)}");
                if (!Close(printed, Expected(k, point))) failures.Enqueue($"printed, k = {k}: {string.Join(", ", printed)}");
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        Assert.Empty(failures);
    }

    private static bool Close(double[] actual, double[] expected) =>
        actual.Length == expected.Length && actual.Zip(expected).All(pair => Math.Abs(pair.First - pair.Second) <= 1e-14 * Math.Max(1, Math.Abs(pair.Second)));

    [Fact]
    public void The_cache_of_one_context_does_not_serve_another_registry()
    {
        var (three, five) = (Calculus.DefaultContext.WithRegistry(RampRegistry(3)), Calculus.DefaultContext.WithRegistry(RampRegistry(5)));
        var own = new CompilationContext(three.Frontend, new DelegateCache(8), new BufferPool());
        double[] point = [0.4, 2.0];
        var (g3, g5, gOwn) = (new double[2], new double[2], new double[2]);

        var (first, second, third) = (Compile(three, Model()), Compile(five, Model()), Compile(own, Model()));
        first(point, g3);
        second(point, g5);
        third(point, gOwn);

        Assert.NotSame(first, second);
        Assert.NotSame(first, third); // same registry, another context's cache: compiled again
        Assert.Same(first, Compile(three, Model()));
        Assert.True(Close(g3, Expected(3, point)) && Close(g5, Expected(5, point)) && Close(gOwn, Expected(3, point)));
        Assert.Equal((1, 0), (own.Cache.Misses, own.Cache.Hits));
    }

    [Fact]
    public void The_default_context_is_the_one_behind_the_facade()
    {
        Expression<Func<double[], double>> f = p => Math.Sin(p[0]) * p[1] + 0.25;

        var viaFacade = f.CompileGradient();

        Assert.Same(viaFacade, Compile(Calculus.DefaultContext, f));
        Assert.Same(DerivativeRegistry.Default, Calculus.DefaultContext.Registry);
        var gradient = new double[2];
        viaFacade([0.3, 2.0], gradient);
        Assert.True(Close(gradient, [Math.Cos(0.3) * 2.0, Math.Sin(0.3)]));
    }

    /// <summary>A value whose property, read by the frontend while it compiles, starts work on another task.</summary>
    private sealed class Probe(Func<Task<double>> work)
    {
        public Task<double>? Started { get; private set; }

        public int Size
        {
            get
            {
                Started ??= Task.Run(work);
                return 1;
            }
        }
    }

    [Fact]
    public async Task A_registry_given_to_one_compilation_does_not_flow_into_work_it_starts()
    {
        // Work started while a compilation under a registry runs (here from a property the frontend reads) sees the
        // default rules, not that registry's: under an ambient (AsyncLocal) registry it inherited the scope.
        Expression<Func<double, double>> plain = x => UserFunctions.Undeclared(x);
        var probe = new Probe(() => Task.FromResult(plain.Diff().Compile()(1.0)));
        var registry = new DerivativeRegistry();
        registry.Define(x => UserFunctions.Undeclared(x), x => 5.0);
        var context = new CompilationContext(new FrontendSettings(registry, [new ConstantMembers(typeof(Probe), new HashSet<string> { nameof(Probe.Size) })]), new DelegateCache(4), new BufferPool());
        Expression<Func<double, double>> f = x => UserFunctions.Undeclared(x) * probe.Size;

        var derivative = ((Expression<Func<double, double>>)ScalarRecipes.Partial(context, f, 0, SimplificationLevel.Algebraic)).Compile();

        Assert.Equal(5.0, derivative(2.0)); // the registry's rule, and Size read as the constant 1
        Assert.NotNull(probe.Started);
        await Assert.ThrowsAsync<NotSupportedException>(() => probe.Started!); // Undeclared has no rule by default
    }

    private const int Inputs = 6, Hidden = 8;

    // A tanh layer summed over data rows: its products run on the kernels, in buffers from the context's pool.
    private static readonly Expression<Func<double[], double[][], double>> Layer = (p, rows) => rows.Sum(x =>
        Enumerable.Range(0, Hidden).Sum(j => Math.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[j * Inputs + k] * x[k]))));

    private static double LayerByHand(double[] p, double[][] rows)
    {
        var total = 0.0;
        foreach (var x in rows)
            for (var j = 0; j < Hidden; j++)
            {
                var z = 0.0;
                for (var k = 0; k < Inputs; k++) z += p[j * Inputs + k] * x[k];
                total += Math.Tanh(z);
            }
        return total;
    }

    [Fact]
    public void A_context_with_its_own_buffer_pool_runs_dense_code_without_allocating_and_as_the_default_context_does()
    {
        var own = new CompilationContext(Calculus.DefaultContext.Frontend, new DelegateCache(4), new BufferPool());
        var random = new Random(5);
        double[][] rows = [.. Enumerable.Range(0, 50).Select(_ => Enumerable.Range(0, Inputs).Select(_ => random.NextDouble() - 0.5).ToArray())];
        double[] p = [.. Enumerable.Range(0, Inputs * Hidden).Select(_ => random.NextDouble() - 0.5)];
        var (mine, shared) = (new double[p.Length], new double[p.Length]);

        var compiled = own.Cached(Layer, "gradient", GradientOutputs.CompiledGradient<GradientFunc<double[][]>>);
        var value = compiled(p, rows, mine);

        Assert.True(Dense.KernelCalls.In(GradientOutputs.CompileableGradient<GradientFunc<double[][]>>(own, Layer)));
        Assert.True(Math.Abs(LayerByHand(p, rows) - value) <= 1e-12 * Math.Abs(value));
        Assert.Equal(Layer.CompileGradient()(p, rows, shared), value); // the same code, bit for bit, with another pool
        Assert.Equal(shared, mine);
        for (var k = 0; k < 50; k++) compiled(p, rows, mine);
        var least = long.MaxValue;
        for (var round = 0; round < 3; round++) // the least of three rounds: a rare one-off allocation while re-jitting is not per call
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var k = 0; k < 200; k++) compiled(p, rows, mine);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, least);
    }
}
