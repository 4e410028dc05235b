using Symbolic.Lowering;
using Symbolic.Optimization;
using Symbolic.Pipeline;
using Symbolic.Runtime;

namespace Symbolic;

public static partial class Calculus
{
    /// <summary>
    /// The frontend hook for <see cref="ParameterBlock"/>: its dimensions, read from a captured or static block, are
    /// constants of the model. Composed here, above the frontend, which knows no optimisation type.
    /// </summary>
    private static readonly ConstantMembers ParameterBlockDimensions = new(typeof(ParameterBlock),
        new HashSet<string> { nameof(ParameterBlock.Offset), nameof(ParameterBlock.Rows), nameof(ParameterBlock.Columns), nameof(ParameterBlock.Length) });

    /// <summary>
    /// The context every <see cref="Calculus"/> method uses: the default registry, parameter-block folding, and the
    /// cache behind <c>CompileGradient</c>, and
    /// <see cref="BufferPool.Shared"/> (the pool printed C# source names). The overloads that take a registry use <see cref="ContextFor"/>.
    /// </summary>
    internal static CompilationContext DefaultContext { get; } =
        new(new FrontendSettings(DerivativeRegistry.Default, [ParameterBlockDimensions]), new DelegateCache(DelegateCache.DefaultCapacity), BufferPool.Shared);

    /// <summary>The default context with <paramref name="registry"/>'s rules (and the same cache, keyed by registry).</summary>
    /// <param name="registry">The registry a caller passed.</param>
    private static CompilationContext ContextFor(DerivativeRegistry registry) =>
        DefaultContext.WithRegistry(registry ?? throw new ArgumentNullException(nameof(registry)));
}
