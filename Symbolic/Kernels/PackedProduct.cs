using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Symbolic.Kernels;

/// <summary>
/// The Goto/BLIS loop nest around a micro-kernel: for each block of <c>Depth</c> steps of the inner dimension
/// B is packed once into panels of <c>Columns</c>, then for each block of <c>RowBlock</c> rows A is packed into
/// panels of <c>Rows</c>, and the micro-kernel sweeps the block tile by tile (one B panel stays in L1 while the
/// A panels stream from L2).
/// </summary>
/// <remarks>
/// Each element of C is summed in the same order (depth blocks in sequence, steps in sequence within a block)
/// whichever rows or columns a call covers, so splitting C across threads does not change a single bit.
/// </remarks>
internal static class PackedProduct
{
    /// <summary>Columns of B packed at once: bounds the B buffer (Depth × this) for very wide products.</summary>
    private const int ColumnBlock = 4096;

    /// <summary>
    /// C[i, j] (+)= Σₚ A[i, p]·B[p, j] for rows <paramref name="i0"/> ≤ i &lt; <paramref name="i1"/> and columns
    /// <paramref name="j0"/> ≤ j &lt; <paramref name="j1"/>; C is overwritten rather than added to when
    /// <paramref name="overwrite"/>. Requires k &gt; 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TKernel>(int i0, int i1, int j0, int j1, int k, StridedMatrix a, StridedMatrix b, StridedMatrix c, bool overwrite)
        where TKernel : struct, IMicroKernel
    {
        int mr = TKernel.Rows, nr = TKernel.Columns, kcMax = TKernel.Depth, mcMax = TKernel.RowBlock;
        var workspace = Workspace.Current;
        var ncMax = Math.Min(ColumnBlock, j1 - j0);
        var packedB = workspace.PackedB(RoundUp(ncMax, nr) * Math.Min(kcMax, k));
        var packedA = workspace.PackedA(RoundUp(Math.Min(mcMax, i1 - i0), mr) * Math.Min(kcMax, k));
        var tile = workspace.Tile;
        for (var jc = j0; jc < j1; jc += ColumnBlock)
        {
            var nc = Math.Min(ColumnBlock, j1 - jc);
            for (var pc = 0; pc < k; pc += kcMax)
            {
                var kc = Math.Min(kcMax, k - pc);
                var first = overwrite && pc == 0;
                Packing.PackB(b, pc, jc, kc, nc, nr, packedB);
                for (var ic = i0; ic < i1; ic += mcMax)
                {
                    var mc = Math.Min(mcMax, i1 - ic);
                    Packing.PackA(a, ic, pc, mc, kc, mr, packedA);
                    for (var jr = 0; jr < nc; jr += nr)
                    {
                        var columns = Math.Min(nr, nc - jr);
                        ref var bPanel = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(packedB), jr * kc);
                        for (var ir = 0; ir < mc; ir += mr)
                        {
                            var rows = Math.Min(mr, mc - ir);
                            ref var aPanel = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(packedA), ir * kc);
                            if (rows == mr && columns == nr && c.Column == 1)
                                TKernel.Run(kc, ref aPanel, ref bPanel, ref c.At(ic + ir, jc + jr), c.Row, first);
                            else
                            {
                                // An edge tile or a strided C: the whole tile into scratch, then only what exists.
                                TKernel.Run(kc, ref aPanel, ref bPanel, ref MemoryMarshal.GetArrayDataReference(tile), nr, overwrite: true);
                                AddTile(tile, nr, c, ic + ir, jc + jr, rows, columns, first);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>C[i0 + i, j0 + j] (+)= tile[i·ld + j] for i &lt; rows, j &lt; columns, any strides of C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddTile(double[] tile, int ld, StridedMatrix c, int i0, int j0, int rows, int columns, bool overwrite)
    {
        ref var t = ref MemoryMarshal.GetArrayDataReference(tile);
        for (var i = 0; i < rows; i++)
        {
            ref var target = ref c.At(i0 + i, j0);
            nint step = c.Column;
            for (var j = 0; j < columns; j++)
            {
                ref var entry = ref Unsafe.Add(ref target, j * step);
                entry = overwrite ? Unsafe.Add(ref t, i * ld + j) : entry + Unsafe.Add(ref t, i * ld + j);
            }
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
