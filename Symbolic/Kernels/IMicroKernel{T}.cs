namespace Symbolic.Kernels;

/// <summary>
/// A register-blocked micro-kernel and the block sizes that feed it. A struct implementing this is a type
/// argument of <see cref="PackedProduct"/> (of doubles or floats), so the JIT compiles one specialised copy of the blocked loops per kernel.
/// </summary>
internal interface IMicroKernel<T> where T : unmanaged
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
    static abstract void Run(nint depth, ref T a, ref T b, ref T c, nint ldc, bool overwrite);

    /// <summary>Whether <see cref="RunShort"/> has 8- and 4-row tiles for a last row panel that is at most 8 rows high.</summary>
    static abstract bool HasShortTiles { get; }

    /// <summary>
    /// Like <see cref="Run"/> for the first <paramref name="rows"/> (at most 8) rows of a panel, rounded up to 4 or 8
    /// (the rows beyond <paramref name="rows"/> of C are written too); only called when <see cref="HasShortTiles"/>.
    /// </summary>
    static abstract void RunShort(int rows, nint depth, ref T a, ref T b, ref T c, nint ldc, bool overwrite);
}
