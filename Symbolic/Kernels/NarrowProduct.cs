using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Symbolic.Kernels;

/// <summary>
/// C (+)= A·B for outputs with few columns (an MLP's class layer: n = 10): B is packed once into panels of 16
/// columns over the whole inner dimension, A is read in place, six rows at a time, and each tile is summed in
/// registers over all k steps. No A packing pays off when each A element is used for only ≤ 16 products.
/// </summary>
internal static class NarrowProduct
{
    /// <summary>Columns of a B panel: two <see cref="Vector512{T}"/>.</summary>
    public const int Columns = 16;

    /// <summary>Rows of A per tile: 12 accumulators, enough independent chains to hide the FMA latency.</summary>
    public const int Rows = 6;

    /// <summary>Claims chunks of rows of <paramref name="task"/> from <paramref name="nextChunk"/> and computes them until none are left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in ProductTask<double> task, ref int nextChunk)
    {
        var (n, k, a, c) = (task.N, task.K, task.A, task.C);
        var workspace = Workspace<double>.Current;
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
                    SixRows(k, ref a.At(i, 0), a.Row, a.Column, ref bPanel, ref t);
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

    /// <summary>tile[r·16 + j] = Σₚ A[r, p]·Bp[p, j] for six rows of A read with strides.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SixRows(int k, ref double a, nint row, nint column, ref double b, ref double tile)
    {
        Vector512<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<double> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        nint row2 = 2 * row, row3 = 3 * row, row4 = 4 * row, row5 = 5 * row;
        for (var p = 0; p < k; p++)
        {
            var b0 = Vector512.LoadUnsafe(ref b);
            var b1 = Vector512.LoadUnsafe(ref b, 8);
            var x = Vector512.Create(a); c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(Unsafe.Add(ref a, row)); c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(Unsafe.Add(ref a, row2)); c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(Unsafe.Add(ref a, row3)); c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(Unsafe.Add(ref a, row4)); c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(Unsafe.Add(ref a, row5)); c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            a = ref Unsafe.Add(ref a, column);
            b = ref Unsafe.Add(ref b, Columns);
        }
        c00.StoreUnsafe(ref tile, 0); c01.StoreUnsafe(ref tile, 8); c10.StoreUnsafe(ref tile, 16); c11.StoreUnsafe(ref tile, 24);
        c20.StoreUnsafe(ref tile, 32); c21.StoreUnsafe(ref tile, 40); c30.StoreUnsafe(ref tile, 48); c31.StoreUnsafe(ref tile, 56);
        c40.StoreUnsafe(ref tile, 64); c41.StoreUnsafe(ref tile, 72); c50.StoreUnsafe(ref tile, 80); c51.StoreUnsafe(ref tile, 88);
    }

    /// <summary>tile[j] = Σₚ A[p]·Bp[p, j] for one row of A.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OneRow(int k, ref double a, nint column, ref double b, ref double tile)
    {
        Vector512<double> c0 = default, c1 = default;
        for (var p = 0; p < k; p++)
        {
            var x = Vector512.Create(a);
            c0 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref b), c0);
            c1 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref b, 8), c1);
            a = ref Unsafe.Add(ref a, column);
            b = ref Unsafe.Add(ref b, Columns);
        }
        c0.StoreUnsafe(ref tile, 0);
        c1.StoreUnsafe(ref tile, 8);
    }
}
