using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Symbolic.Kernels;

/// <summary>
/// <see cref="NarrowProduct"/> in single precision: B packed once into panels of 16 columns (one
/// <see cref="Vector512{T}"/> of floats), A read in place twelve rows at a time, each tile summed in registers
/// over all k steps.
/// </summary>
/// <remarks>
/// A 16-float panel is one vector, so a tile needs twice the rows of the double kernel's (6 rows × 2 vectors) to
/// keep twelve independent accumulator chains.
/// </remarks>
internal static class NarrowProductSingle
{
    /// <summary>Columns of a B panel: one <see cref="Vector512{T}"/> of floats.</summary>
    public const int Columns = 16;

    /// <summary>Rows of A per tile: 12 accumulators, enough independent chains to hide the FMA latency.</summary>
    public const int Rows = 12;

    /// <summary>Claims chunks of rows of <paramref name="task"/> from <paramref name="nextChunk"/> and computes them until none are left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in ProductTask<float> task, ref int nextChunk)
    {
        var (n, k, a, c) = (task.N, task.K, task.A, task.C);
        var workspace = Workspace<float>.Current;
        var packedB = workspace.PackedB((n + Columns - 1) / Columns * Columns * k);
        var tile = workspace.Tile;
        ref var t = ref MemoryMarshal.GetArrayDataReference(tile);
        var packed = false;
        while (task.TryClaim(ref nextChunk, out var i0, out var i1))
        {
            if (!packed) Packing.PackB(task.B, 0, 0, k, n, Columns, packedB, 0);
            packed = true;
            for (var jr = 0; jr < n; jr += Columns)
            {
                var columns = Math.Min(Columns, n - jr);
                ref var bPanel = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(packedB), jr * k);
                var i = i0;
                for (; i + Rows <= i1; i += Rows)
                {
                    TwelveRows(k, ref a.At(i, 0), a.Row, a.Column, ref bPanel, ref t);
                    PackedProduct.AddTile(tile, Columns, c, i, jr, Rows, columns, task.Overwrite);
                }
                for (; i < i1; i++)
                {
                    OneRow(k, ref a.At(i, 0), a.Column, ref bPanel, ref t);
                    PackedProduct.AddTile(tile, Columns, c, i, jr, 1, columns, task.Overwrite);
                }
            }
        }
    }

    /// <summary>tile[r·16 + j] = Σₚ A[r, p]·Bp[p, j] for twelve rows of A read with strides.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TwelveRows(int k, ref float a, nint row, nint column, ref float b, ref float tile)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        Vector512<float> c6 = default, c7 = default, c8 = default, c9 = default, c10 = default, c11 = default;
        ref var a6 = ref Unsafe.Add(ref a, 6 * row);
        nint row2 = 2 * row, row3 = 3 * row, row4 = 4 * row, row5 = 5 * row;
        for (var p = 0; p < k; p++)
        {
            var x = Vector512.LoadUnsafe(ref b);
            c0 = Vector512.FusedMultiplyAdd(Vector512.Create(a), x, c0);
            c1 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a, row)), x, c1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a, row2)), x, c2);
            c3 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a, row3)), x, c3);
            c4 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a, row4)), x, c4);
            c5 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a, row5)), x, c5);
            c6 = Vector512.FusedMultiplyAdd(Vector512.Create(a6), x, c6);
            c7 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a6, row)), x, c7);
            c8 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a6, row2)), x, c8);
            c9 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a6, row3)), x, c9);
            c10 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a6, row4)), x, c10);
            c11 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a6, row5)), x, c11);
            a = ref Unsafe.Add(ref a, column);
            a6 = ref Unsafe.Add(ref a6, column);
            b = ref Unsafe.Add(ref b, Columns);
        }
        c0.StoreUnsafe(ref tile, 0); c1.StoreUnsafe(ref tile, 16); c2.StoreUnsafe(ref tile, 32); c3.StoreUnsafe(ref tile, 48);
        c4.StoreUnsafe(ref tile, 64); c5.StoreUnsafe(ref tile, 80); c6.StoreUnsafe(ref tile, 96); c7.StoreUnsafe(ref tile, 112);
        c8.StoreUnsafe(ref tile, 128); c9.StoreUnsafe(ref tile, 144); c10.StoreUnsafe(ref tile, 160); c11.StoreUnsafe(ref tile, 176);
    }

    /// <summary>tile[j] = Σₚ A[p]·Bp[p, j] for one row of A.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OneRow(int k, ref float a, nint column, ref float b, ref float tile)
    {
        Vector512<float> sum = default;
        for (var p = 0; p < k; p++)
        {
            sum = Vector512.FusedMultiplyAdd(Vector512.Create(a), Vector512.LoadUnsafe(ref b), sum);
            a = ref Unsafe.Add(ref a, column);
            b = ref Unsafe.Add(ref b, Columns);
        }
        sum.StoreUnsafe(ref tile);
    }
}
