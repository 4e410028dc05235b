using System.Linq.Expressions;
using Symbolic.Lowering;
using Symbolic.Runtime;

namespace Symbolic.Pipeline;

/// <summary>
/// Everything a compilation reads besides its model, passed explicitly instead of held in ambient state: the
/// frontend's settings (the derivative registry and the constant-member hooks), the cache of compiled delegates,
/// and the buffer pool compiled code rents from. Immutable; the <see cref="Calculus"/> façade holds a default one.
/// </summary>
/// <remarks>
/// A context for another registry (<see cref="WithRegistry"/>) shares the cache and the pool: the cache keys on the
/// registry, so it never serves one registry's code to another, and pooled buffers hold no results between calls.
/// </remarks>
internal sealed class CompilationContext
{
    /// <summary>A context over its parts.</summary>
    /// <param name="frontend">The rules and hooks models are read with.</param>
    /// <param name="cache">The compiled delegates, keyed by the frontend's view of each model.</param>
    /// <param name="buffers">The pool the code compiled here rents its scratch buffers from.</param>
    public CompilationContext(FrontendSettings frontend, DelegateCache cache, BufferPool buffers)
    {
        Buffers = buffers ?? throw new ArgumentNullException(nameof(buffers));
        Frontend = frontend ?? throw new ArgumentNullException(nameof(frontend));
        Cache = cache ?? throw new ArgumentNullException(nameof(cache));
    }

    /// <summary>The rules and hooks models are read with.</summary>
    public FrontendSettings Frontend { get; }

    /// <summary>The registry calls to users' methods resolve to.</summary>
    public DerivativeRegistry Registry => Frontend.Rules;

    /// <summary>The compiled delegates of this context (and of those made from it by <see cref="WithRegistry"/>).</summary>
    public DelegateCache Cache { get; }

    /// <summary>The pool the code compiled in this context rents its scratch buffers from (a constant of that code).</summary>
    public BufferPool Buffers { get; }

    /// <summary>This context with <paramref name="registry"/>'s rules, sharing the cache (which keys on the registry) and the pool.</summary>
    /// <param name="registry">The registry.</param>
    public CompilationContext WithRegistry(DerivativeRegistry registry) =>
        ReferenceEquals(registry ?? throw new ArgumentNullException(nameof(registry)), Registry) ? this : new(Frontend.WithRules(registry), Cache, Buffers);

    /// <summary>The delegate <paramref name="compile"/> makes of <paramref name="f"/> in this context: cached, or compiled and cached.</summary>
    /// <param name="f">The model.</param>
    /// <param name="kind">What is compiled from it (part of the cache key).</param>
    /// <param name="compile">Compiles the model in this context.</param>
    public TDelegate Cached<TDelegate>(LambdaExpression f, string kind, Func<CompilationContext, LambdaExpression, TDelegate> compile) where TDelegate : Delegate =>
        Cache.GetOrAdd(f, kind, Frontend, () => compile(this, f));
}
