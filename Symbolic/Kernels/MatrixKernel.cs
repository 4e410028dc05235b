using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Symbolic.Kernels;

/// <summary>
/// A managed, register-blocked matrix product C (+)= A·B in double precision, the kernel the dense-layer
/// issue builds on (work in progress: single-threaded, not yet used by lowering).
/// </summary>
/// <remarks>
/// <para>The classic Goto/BLIS structure: B is packed into panels of <see cref="NR"/> columns for a block
/// of <see cref="KC"/> steps of the inner dimension, A into panels of <see cref="MR"/> rows for a block of
/// <see cref="MC"/> rows, and a micro-kernel keeps an MR×NR tile of C in registers (4 rows × two
/// <see cref="Vector256{T}"/> = 8 accumulators) while it streams both panels.</para>
/// <para>Operands are given by strides, so a transposed operand is read in place (swap its strides)
/// rather than copied; packing is where the layout is normalised.</para>
/// </remarks>
internal static class MatrixKernel
{
    /// <summary>Rows of a 256-bit micro-tile.</summary>
    public const int MR = 4;

    /// <summary>Columns of a 256-bit micro-tile: two vectors of four doubles.</summary>
    public const int NR = 8;

    /// <summary>Rows of a 512-bit micro-tile (16 of the 32 vector registers hold the tile).</summary>
    public const int MR512 = 8;

    /// <summary>Columns of a 512-bit micro-tile: two vectors of eight doubles.</summary>
    public const int NR512 = 16;

    /// <summary>Steps of the inner dimension per packed block (an A panel and a B panel stay in L1/L2).</summary>
    public const int KC = 256;

    /// <summary>Rows of A per packed block.</summary>
    public const int MC = 96;

    /// <summary>
    /// C[i, j] = (accumulate ? C[i, j] : 0) + Σₚ A[i, p]·B[p, j] for i &lt; m, j &lt; n, p &lt; k, where
    /// A[i, p] = a[aOffset + i·aRow + p·aCol], B[p, j] = b[bOffset + p·bRow + j·bCol] and C[i, j] = c[cOffset + i·ldc + j].
    /// </summary>
    public static void Multiply(int m, int n, int k,
        double[] a, int aOffset, int aRow, int aCol,
        double[] b, int bOffset, int bRow, int bCol,
        double[] c, int cOffset, int ldc, bool accumulate) =>
        Multiply(m, n, k, a, aOffset, aRow, aCol, b, bOffset, bRow, bCol, c, cOffset, ldc, accumulate, useVector512: false);

    /// <summary>
    /// The same with the micro-kernel chosen (tests run both on machines that have both). The 8×16
    /// <see cref="Vector512{T}"/> kernel is correct but not yet tuned: 6.6 ms for 512³ here against 5.0 ms
    /// for the 4×8 <see cref="Vector256{T}"/> one (short job), so the default is the latter.
    /// </summary>
    public static void Multiply(int m, int n, int k,
        double[] a, int aOffset, int aRow, int aCol,
        double[] b, int bOffset, int bRow, int bCol,
        double[] c, int cOffset, int ldc, bool accumulate, bool useVector512)
    {
        if (m <= 0 || n <= 0) return;
        var (MR, NR) = useVector512 ? (MR512, NR512) : (MatrixKernel.MR, MatrixKernel.NR);
        // The packed B micro-panel (KC × NR doubles) should stay in L1 (32 KB here): half the depth for 16 columns.
        var KC = useVector512 ? MatrixKernel.KC / 2 : MatrixKernel.KC;
        if (!accumulate)
            for (var i = 0; i < m; i++) Array.Clear(c, cOffset + i * ldc, n);
        if (k <= 0) return;

        var nPanels = (n + NR - 1) / NR;
        var packedB = ArrayPool<double>.Shared.Rent(nPanels * NR * KC);
        var packedA = ArrayPool<double>.Shared.Rent((MC + MR - 1) / MR * MR * KC);
        try
        {
            for (var pc = 0; pc < k; pc += KC)
            {
                var kc = Math.Min(KC, k - pc);
                PackB(b, bOffset + pc * bRow, bRow, bCol, kc, n, packedB, NR);
                for (var ic = 0; ic < m; ic += MC)
                {
                    var mc = Math.Min(MC, m - ic);
                    PackA(a, aOffset + ic * aRow + pc * aCol, aRow, aCol, mc, kc, packedA, MR);
                    for (var jr = 0; jr < nPanels; jr++)
                    {
                        var nr = Math.Min(NR, n - jr * NR);
                        for (var ir = 0; ir < mc; ir += MR)
                        {
                            var mr = Math.Min(MR, mc - ir);
                            if (useVector512) MicroKernel512(kc, packedA, ir / MR * MR * kc, packedB, jr * NR * kc, c, cOffset + (ic + ir) * ldc + jr * NR, ldc, mr, nr);
                            else MicroKernel(kc, packedA, ir / MR * MR * kc, packedB, jr * NR * kc, c, cOffset + (ic + ir) * ldc + jr * NR, ldc, mr, nr);
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(packedA);
            ArrayPool<double>.Shared.Return(packedB);
        }
    }

    /// <summary>B[0..kc, 0..n] into panels of NR columns, row p of a panel contiguous, zero-padded to NR.</summary>
    private static void PackB(double[] b, int offset, int row, int col, int kc, int n, double[] packed, int NR)
    {
        for (var panel = 0; panel * NR < n; panel++)
        {
            var width = Math.Min(NR, n - panel * NR);
            var target = panel * NR * kc;
            for (var p = 0; p < kc; p++, target += NR)
            {
                var source = offset + p * row + panel * NR * col;
                for (var j = 0; j < width; j++) packed[target + j] = b[source + j * col];
                for (var j = width; j < NR; j++) packed[target + j] = 0;
            }
        }
    }

    /// <summary>A[0..mc, 0..kc] into panels of MR rows, column p of a panel contiguous, zero-padded to MR.</summary>
    private static void PackA(double[] a, int offset, int row, int col, int mc, int kc, double[] packed, int MR)
    {
        for (var panel = 0; panel * MR < mc; panel++)
        {
            var height = Math.Min(MR, mc - panel * MR);
            var target = panel * MR * kc;
            for (var p = 0; p < kc; p++, target += MR)
            {
                var source = offset + panel * MR * row + p * col;
                for (var i = 0; i < height; i++) packed[target + i] = a[source + i * row];
                for (var i = height; i < MR; i++) packed[target + i] = 0;
            }
        }
    }

    /// <summary>C[0..mr, 0..nr] += Ap·Bp over kc steps, the 4×8 tile held in eight vector registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MicroKernel(int kc, double[] packedA, int aStart, double[] packedB, int bStart, double[] c, int cStart, int ldc, int mr, int nr)
    {
        Vector256<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        ref var a = ref packedA[aStart];
        ref var b = ref packedB[bStart];
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector256.LoadUnsafe(ref b, (nuint)(p * NR));
            var b1 = Vector256.LoadUnsafe(ref b, (nuint)(p * NR + 4));
            var a0 = Vector256.Create(Unsafe.Add(ref a, p * MR));
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(Unsafe.Add(ref a, p * MR + 1));
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(Unsafe.Add(ref a, p * MR + 2));
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(Unsafe.Add(ref a, p * MR + 3));
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
        }
        if (mr == MR && nr == NR)
        {
            AddRow(c, cStart, c00, c01);
            AddRow(c, cStart + ldc, c10, c11);
            AddRow(c, cStart + 2 * ldc, c20, c21);
            AddRow(c, cStart + 3 * ldc, c30, c31);
            return;
        }
        // An edge tile: only the rows and columns that exist.
        Span<double> tile = stackalloc double[MR * NR];
        c00.CopyTo(tile); c01.CopyTo(tile[4..]); c10.CopyTo(tile[8..]); c11.CopyTo(tile[12..]);
        c20.CopyTo(tile[16..]); c21.CopyTo(tile[20..]); c30.CopyTo(tile[24..]); c31.CopyTo(tile[28..]);
        for (var i = 0; i < mr; i++)
            for (var j = 0; j < nr; j++)
                c[cStart + i * ldc + j] += tile[i * NR + j];
    }

    /// <summary>C[0..mr, 0..nr] += Ap·Bp over kc steps, the 8×16 tile held in sixteen 512-bit registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MicroKernel512(int kc, double[] packedA, int aStart, double[] packedB, int bStart, double[] c, int cStart, int ldc, int mr, int nr)
    {
        Vector512<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<double> c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        ref var a = ref packedA[aStart];
        ref var b = ref packedB[bStart];
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector512.LoadUnsafe(ref b, (nuint)(p * NR512));
            var b1 = Vector512.LoadUnsafe(ref b, (nuint)(p * NR512 + 8));
            ref var ap = ref Unsafe.Add(ref a, p * MR512);
            var a0 = Vector512.Create(ap);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00); c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(Unsafe.Add(ref ap, 1));
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10); c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(Unsafe.Add(ref ap, 2));
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20); c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(Unsafe.Add(ref ap, 3));
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30); c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector512.Create(Unsafe.Add(ref ap, 4));
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40); c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector512.Create(Unsafe.Add(ref ap, 5));
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50); c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
            var a6 = Vector512.Create(Unsafe.Add(ref ap, 6));
            c60 = Vector512.FusedMultiplyAdd(a6, b0, c60); c61 = Vector512.FusedMultiplyAdd(a6, b1, c61);
            var a7 = Vector512.Create(Unsafe.Add(ref ap, 7));
            c70 = Vector512.FusedMultiplyAdd(a7, b0, c70); c71 = Vector512.FusedMultiplyAdd(a7, b1, c71);
        }
        Span<double> tile = stackalloc double[MR512 * NR512];
        c00.CopyTo(tile); c01.CopyTo(tile[8..]); c10.CopyTo(tile[16..]); c11.CopyTo(tile[24..]);
        c20.CopyTo(tile[32..]); c21.CopyTo(tile[40..]); c30.CopyTo(tile[48..]); c31.CopyTo(tile[56..]);
        c40.CopyTo(tile[64..]); c41.CopyTo(tile[72..]); c50.CopyTo(tile[80..]); c51.CopyTo(tile[88..]);
        c60.CopyTo(tile[96..]); c61.CopyTo(tile[104..]); c70.CopyTo(tile[112..]); c71.CopyTo(tile[120..]);
        if (mr == MR512 && nr == NR512)
        {
            for (var i = 0; i < MR512; i++)
                for (var half = 0; half < NR512; half += 8)
                {
                    var row = c.AsSpan(cStart + i * ldc + half, 8);
                    (Vector512.Create<double>(row) + Vector512.Create<double>(tile.Slice(i * NR512 + half, 8))).CopyTo(row);
                }
            return;
        }
        for (var i = 0; i < mr; i++)
            for (var j = 0; j < nr; j++)
                c[cStart + i * ldc + j] += tile[i * NR512 + j];
    }

    private static void AddRow(double[] c, int start, Vector256<double> left, Vector256<double> right)
    {
        var row = c.AsSpan(start, NR);
        (Vector256.Create<double>(row) + left).CopyTo(row);
        (Vector256.Create<double>(row[4..]) + right).CopyTo(row[4..]);
    }
}
