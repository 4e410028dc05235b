using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Symbolic.Kernels;

/// <summary>
/// The Goto/BLIS loop nest around a micro-kernel: for each block of <c>Depth</c> steps of the inner dimension,
/// A is packed in blocks of <c>RowBlock</c> rows (panels of <c>Rows</c>), B in panels of <c>Columns</c>, and the
/// micro-kernel sweeps a block tile by tile (one B panel stays in L1 while the A panels stream from L2).
/// </summary>
/// <remarks>
/// <para>C is cut into chunks of rows (or of columns) that threads claim one at a time from a shared counter, so
/// a thread that gets less CPU simply takes fewer chunks. The operand every chunk needs whole (B for chunks of
/// rows, A for chunks of columns) is packed once per thread, for all depth blocks, when its first chunk starts.</para>
/// <para>Each element of C is summed in the same order (depth blocks in sequence, steps in sequence within a
/// block) whichever chunk or thread computes it, so any number of threads gives bit-identical results.</para>
/// </remarks>
internal static class PackedProduct
{
    /// <summary>Claims chunks of <paramref name="task"/> from <paramref name="nextChunk"/> and computes them until none are left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TKernel>(in ProductTask<T> task, ref int nextChunk) where T : unmanaged, INumberBase<T> where TKernel : struct, IMicroKernel<T>
    {
        int mr = TKernel.Rows, nr = TKernel.Columns, kcMax = TKernel.Depth, mcMax = TKernel.RowBlock;
        var (m, n, k, a, b) = (task.M, task.N, task.K, task.A, task.B);
        var workspace = Workspace<T>.Current;
        var firstBlock = Math.Min(kcMax, k);
        if (task.SplitRows)
        {
            var width = RoundUp(n, nr);
            var once = (long)width * k <= task.PackOnceLimit;
            var packedB = workspace.PackedB(once ? width * k : width * firstBlock);
            var packedA = workspace.PackedA(RoundUp(Math.Min(mcMax, task.ChunkLength), mr) * firstBlock);
            var packed = false;
            while (task.TryClaim(ref nextChunk, out var i0, out var i1))
            {
                if (once && !packed)
                    for (var pc = 0; pc < k; pc += kcMax) Packing.PackB(b, pc, 0, Math.Min(kcMax, k - pc), n, nr, packedB, pc * width);
                packed = true;
                for (var pc = 0; pc < k; pc += kcMax)
                {
                    var kc = Math.Min(kcMax, k - pc);
                    if (!once) Packing.PackB(b, pc, 0, kc, n, nr, packedB, 0);
                    for (var ic = i0; ic < i1; ic += mcMax)
                    {
                        var mc = Math.Min(mcMax, i1 - ic);
                        Packing.PackA(a, ic, pc, mc, kc, mr, packedA, 0);
                        Sweep<T, TKernel>(task, ic, mc, 0, n, kc, packedA, 0, packedB, once ? pc * width : 0, pc == 0);
                    }
                }
            }
        }
        else
        {
            var height = RoundUp(m, mr);
            var once = (long)height * k <= task.PackOnceLimit;
            var packedA = workspace.PackedA(once ? height * k : RoundUp(Math.Min(mcMax, m), mr) * firstBlock);
            var packedB = workspace.PackedB(RoundUp(task.ChunkLength, nr) * firstBlock);
            var packed = false;
            while (task.TryClaim(ref nextChunk, out var j0, out var j1))
            {
                if (once && !packed)
                    for (var pc = 0; pc < k; pc += kcMax) Packing.PackA(a, 0, pc, m, Math.Min(kcMax, k - pc), mr, packedA, pc * height);
                packed = true;
                for (var pc = 0; pc < k; pc += kcMax)
                {
                    var kc = Math.Min(kcMax, k - pc);
                    Packing.PackB(b, pc, j0, kc, j1 - j0, nr, packedB, 0);
                    for (var ic = 0; ic < m; ic += mcMax)
                    {
                        var mc = Math.Min(mcMax, m - ic);
                        if (!once) Packing.PackA(a, ic, pc, mc, kc, mr, packedA, 0);
                        Sweep<T, TKernel>(task, ic, mc, j0, j1 - j0, kc, packedA, once ? pc * height + ic * kc : 0, packedB, 0, pc == 0);
                    }
                }
            }
        }
    }

    /// <summary>
    /// C[ic.., jc..] (+)= the packed A block (mc rows from <paramref name="aStart"/>) times the packed B block
    /// (nc columns from <paramref name="bStart"/>) over kc steps; the first depth block overwrites C when the task does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Sweep<T, TKernel>(in ProductTask<T> task, int ic, int mc, int jc, int nc, int kc,
        T[] packedA, int aStart, T[] packedB, int bStart, bool firstBlock) where T : unmanaged, INumberBase<T> where TKernel : struct, IMicroKernel<T>
    {
        int mr = TKernel.Rows, nr = TKernel.Columns;
        var c = task.C;
        var overwrite = task.Overwrite && firstBlock;
        var tile = Workspace<T>.Current.Tile;
        for (var jr = 0; jr < nc; jr += nr)
        {
            var columns = Math.Min(nr, nc - jr);
            ref var bPanel = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(packedB), bStart + jr * kc);
            for (var ir = 0; ir < mc; ir += mr)
            {
                var rows = Math.Min(mr, mc - ir);
                ref var aPanel = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(packedA), aStart + ir * kc);
                if (rows == mr && columns == nr && c.Column == 1)
                    TKernel.Run(kc, ref aPanel, ref bPanel, ref c.At(ic + ir, jc + jr), c.Row, overwrite);
                else if (TKernel.HasShortTiles && rows <= 8)
                {
                    // A short last row panel: an 8- or 4-row tile, straight into C when it has exactly those rows.
                    if ((rows == 4 || rows == 8) && columns == nr && c.Column == 1)
                        TKernel.RunShort(rows, kc, ref aPanel, ref bPanel, ref c.At(ic + ir, jc + jr), c.Row, overwrite);
                    else
                    {
                        TKernel.RunShort(rows, kc, ref aPanel, ref bPanel, ref MemoryMarshal.GetArrayDataReference(tile), nr, overwrite: true);
                        AddTile(tile, nr, c, ic + ir, jc + jr, rows, columns, overwrite);
                    }
                }
                else
                {
                    // An edge tile or a strided C: the whole tile into scratch, then only what exists.
                    TKernel.Run(kc, ref aPanel, ref bPanel, ref MemoryMarshal.GetArrayDataReference(tile), nr, overwrite: true);
                    AddTile(tile, nr, c, ic + ir, jc + jr, rows, columns, overwrite);
                }
            }
        }
    }

    /// <summary>C[i0 + i, j0 + j] (+)= tile[i·ld + j] for i &lt; rows, j &lt; columns, any strides of C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddTile<T>(T[] tile, int ld, StridedMatrix<T> c, int i0, int j0, int rows, int columns, bool overwrite) where T : unmanaged, INumberBase<T>
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
