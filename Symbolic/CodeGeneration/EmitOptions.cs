namespace Symbolic.CodeGeneration;

/// <summary>Choices the emitter makes that change results in the last bits or at special values.</summary>
/// <param name="PowersAsProducts">
/// Emit x², x³, x⁴ as multiplications (the "rounding" class: a few ulps from <see cref="Math.Pow"/>,
/// same special values). Off, every power is a <see cref="Math.Pow"/> call.
/// </param>
/// <param name="ReciprocalsAndRoots">
/// Also emit x^-1 … x^-4 as 1/products and x^0.5 as <see cref="Math.Sqrt"/> (the "algebraic" class:
/// 1/(x·x) underflows to 0 a little earlier than Pow, and Sqrt differs from Pow at -0 and -∞).
/// </param>
/// <param name="FuseLoops">
/// Compute sums over the same index in one loop (value and gradient in one pass over the data). The
/// fused loop is not read back by lowering, so only compiled hot paths use it.
/// </param>
/// <param name="SinCos">
/// Compute sin u and cos u of the same u with one <see cref="Math.SinCos"/> call (about 30 % faster
/// than two calls here). Lowering reads the tuple back (as sin u and cos u), so every gradient output uses it.
/// </param>
internal sealed record EmitOptions(bool PowersAsProducts, bool ReciprocalsAndRoots, bool FuseLoops = false, bool SinCos = false)
{
    public static EmitOptions For(SimplificationLevel level) => level switch
    {
        SimplificationLevel.Exact => new(PowersAsProducts: false, ReciprocalsAndRoots: false),
        SimplificationLevel.Rounding => new(PowersAsProducts: true, ReciprocalsAndRoots: false),
        SimplificationLevel.Algebraic => new(PowersAsProducts: true, ReciprocalsAndRoots: true),
    };

    /// <summary>
    /// For source output (<c>ToCSharp</c>): the primal whose adjoint a node is. When set, adjoint locals are
    /// named and commented after their primal (<see cref="AdjointNotes"/>) and locals are not reused
    /// (true SSA: one local per value).
    /// </summary>
    public Func<Graph.Node, Graph.Node?>? PrimalOf { get; init; }

    /// <summary>
    /// Sums of a contiguous row (a softmax's normaliser, a dot product with a data row) run as vectorised row
    /// maps and <c>TensorPrimitives.Sum</c>, whose order of additions differs from the loop's: wherever matrix products
    /// are recognised, i.e. every value-and-gradient output of the one pass list, so printed and compiled gradients
    /// agree bit for bit (such a gradient is not read back).
    /// </summary>
    public bool VectorizeRowSums { get; init; }

    /// <summary>
    /// The pool the emitted code rents its buffers from (dense intermediates, row scratch): the compilation
    /// context's. <see cref="Runtime.BufferPool.Shared"/> unless a context gives its own.
    /// </summary>
    public Runtime.BufferPool Buffers { get; init; } = Runtime.BufferPool.Shared;

    /// <summary>The loops over rows that run in blocks, with exp-like maps vectorised over each block (the block-rows pass, <see cref="RowBlocking"/>).</summary>
    public RowBlockPlan RowBlocks { get; init; } = RowBlockPlan.None;

    /// <summary>
    /// The model's arithmetic (its graph's <see cref="Graph.NodeGraph.ElementType"/>): the type of literals, locals and
    /// <see cref="Math"/> or <see cref="MathF"/> calls. Sums of a float model accumulate in double and are rounded
    /// once at the loop's end (docs/precision.md).
    /// </summary>
    public Graph.ElementType Element { get; init; } = Graph.ElementType.Double;

    /// <summary>How folds and their backward sweeps keep their rows (the plan-folds pass, <see cref="FoldStorage"/>).</summary>
    public FoldStoragePlan Folds { get; init; } = FoldStoragePlan.None;

    /// <summary>The fastest form, used for gradients and their relatives.</summary>
    public static readonly EmitOptions Fast = For(SimplificationLevel.Algebraic);

    /// <summary>The fastest form, with fused loops: for compiled gradients.</summary>
    public static readonly EmitOptions FastFused = Fast with { FuseLoops = true };

    /// <summary>Everything that makes compiled code faster: for delegates Symbolic compiles itself (<see cref="Calculus.CompileGradient(System.Linq.Expressions.Expression{Func{double[], double}})"/>).</summary>
    public static readonly EmitOptions Compiled = FastFused with { SinCos = true };
}
