namespace Symbolic.Kernels;

/// <summary>
/// A register-blocked micro-kernel and the block sizes that feed it. A struct implementing this is a type
/// argument of <see cref="PackedProduct"/>, so the JIT compiles one specialised copy of the blocked loops per kernel.
/// </summary>
internal interface IMicroKernel
{
    /// <summary>Rows of the tile held in registers (the height of a packed A panel).</summary>
    static abstract int Rows { get; }

    /// <summary>Columns of the tile held in registers (the width of a packed B panel).</summary>
    static abstract int Columns { get; }

    /// <summary>Steps of the inner dimension per packed block; a B panel (depth × <see cref="Columns"/>) should stay in L1.</summary>
    static abstract int Depth { get; }

    /// <summary>Rows of A per packed block (a multiple of <see cref="Rows"/>); the A block (this × depth) should stay in L2.</summary>
    static abstract int RowBlock { get; }

    /// <summary>
    /// The Rows × Columns tile T = Σₚ A[·, p]·B[p, ·] over <paramref name="depth"/> steps of packed panels, then
    /// C = T (<paramref name="overwrite"/>) or C += T, where C's rows are <paramref name="ldc"/> apart and contiguous.
    /// </summary>
    static abstract void Run(nint depth, ref double a, ref double b, ref double c, nint ldc, bool overwrite);
}
