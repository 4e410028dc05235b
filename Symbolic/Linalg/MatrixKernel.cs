using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Symbolic.Linalg;

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
    /// <summary>Rows of a micro-tile.</summary>
    public const int MR = 4;

    /// <summary>Columns of a micro-tile: two vectors of four doubles.</summary>
    public const int NR = 8;

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
        double[] c, int cOffset, int ldc, bool accumulate)
    {
        if (m <= 0 || n <= 0) return;
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
                PackB(b, bOffset + pc * bRow, bRow, bCol, kc, n, packedB);
                for (var ic = 0; ic < m; ic += MC)
                {
                    var mc = Math.Min(MC, m - ic);
                    PackA(a, aOffset + ic * aRow + pc * aCol, aRow, aCol, mc, kc, packedA);
                    for (var jr = 0; jr < nPanels; jr++)
                    {
                        var nr = Math.Min(NR, n - jr * NR);
                        for (var ir = 0; ir < mc; ir += MR)
                        {
                            var mr = Math.Min(MR, mc - ir);
                            MicroKernel(kc, packedA, ir / MR * MR * kc, packedB, jr * NR * kc, c, cOffset + (ic + ir) * ldc + jr * NR, ldc, mr, nr);
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
    private static void PackB(double[] b, int offset, int row, int col, int kc, int n, double[] packed)
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
    private static void PackA(double[] a, int offset, int row, int col, int mc, int kc, double[] packed)
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

    private static void AddRow(double[] c, int start, Vector256<double> left, Vector256<double> right)
    {
        var row = c.AsSpan(start, NR);
        (Vector256.Create<double>(row) + left).CopyTo(row);
        (Vector256.Create<double>(row[4..]) + right).CopyTo(row[4..]);
    }
}
