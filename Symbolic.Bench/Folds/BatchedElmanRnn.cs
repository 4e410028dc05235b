using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Symbolic.Bench.Folds;

/// <summary>
/// The hand-written BATCHED backpropagation through time of <see cref="ElmanRnn"/>'s network (same parameters packed W, U, b;
/// same loss 1/(B·H) Σ_b Σ_j (h_T[j] − y_b[j])²): the B sequences advance together, so each step is a product of the B × H
/// states with Wᵀ (and of the B × I inputs with Uᵀ), and the backward sweep's δ·W, δᵀ·h_{t−1} and δᵀ·x_t are products over the
/// batch — register-blocked Vector512 (or Vector256) fused multiply-adds over rows of Wᵀ, W and the states. The baseline that
/// Symbolic's batched fold is measured against, beside the per-sequence <see cref="ElmanRnn.Gradient"/>. All sequences must
/// have one length.
/// </summary>
/// <remarks>Also compiled into Symbolic.Tests, which checks it against <see cref="ElmanRnn.Gradient"/>.</remarks>
public sealed class BatchedElmanRnn
{
    private readonly int _batch, _steps, _inputs, _hidden;
    // Inputs laid out [step][sequence][input]; targets [sequence][unit]; states [step][sequence][unit]; Wᵀ, Uᵀ; δh, δz (B × H), δzᵀ (H × B).
    private readonly double[] _x, _y, _states, _wT, _uT, _dh, _dhPrevious, _dz, _dzT;

    /// <summary>The batch of <paramref name="sequences"/> (one length) and their <paramref name="targets"/>, for a state of <paramref name="hidden"/> units.</summary>
    public BatchedElmanRnn(double[][][] sequences, double[][] targets, int hidden)
    {
        (_batch, _hidden) = (sequences.Length, hidden);
        _steps = _batch == 0 ? 0 : sequences[0].Length;
        _inputs = _steps == 0 ? 0 : sequences[0][0].Length;
        if (sequences.Any(s => s.Length != _steps)) throw new ArgumentException("The batched baseline needs sequences of one length.", nameof(sequences));
        _x = new double[_steps * _batch * _inputs];
        for (var t = 0; t < _steps; t++)
            for (var b = 0; b < _batch; b++) sequences[b][t].CopyTo(_x, (t * _batch + b) * _inputs);
        _y = [.. targets.SelectMany(y => y)];
        _states = new double[(_steps + 1) * _batch * hidden];
        _wT = new double[hidden * hidden];
        _uT = new double[_inputs * hidden];
        _dh = new double[_batch * hidden];
        _dhPrevious = new double[_batch * hidden];
        _dz = new double[_batch * hidden];
        _dzT = new double[hidden * _batch];
    }

    /// <summary>The loss, and its gradient written into <paramref name="gradient"/>.</summary>
    public double Gradient(double[] p, double[] gradient)
    {
        int n = _batch, h = _hidden, m = _inputs, u = h * h, bias = u + h * m;
        Array.Clear(gradient);
        Transpose(p.AsSpan(0, u), h, h, _wT);
        Transpose(p.AsSpan(u, h * m), h, m, _uT);
        var bh = n * h;
        _states.AsSpan(0, bh).Clear();
        for (var t = 0; t < _steps; t++)
        {
            // Z = H_t·Wᵀ + X_t·Uᵀ + b, then tanh over the whole B × H block.
            var next = _states.AsSpan((t + 1) * bh, bh);
            for (var b = 0; b < n; b++)
            {
                var row = next.Slice(b * h, h);
                p.AsSpan(bias, h).CopyTo(row);
                AccumulateRows(_states.AsSpan(t * bh + b * h, h), _wT, h, row);
                AccumulateRows(_x.AsSpan((t * n + b) * m, m), _uT, h, row);
            }
            TensorPrimitives.Tanh(next, next);
        }

        var scale = 2.0 / (n * h);
        var last = _states.AsSpan(_steps * bh, bh);
        TensorPrimitives.Subtract(last, _y, _dh);
        var loss = TensorPrimitives.Dot(_dh, _dh) / (n * h);
        TensorPrimitives.Multiply(_dh, scale, _dh);
        for (var t = _steps - 1; t >= 0; t--)
        {
            var state = _states.AsSpan((t + 1) * bh, bh);
            // δz = δh ⊙ (1 − h²), and its transpose for the weight gradients.
            for (var i = 0; i < bh; i++) _dz[i] = _dh[i] * (1 - state[i] * state[i]);
            Transpose(_dz, n, h, _dzT);
            var dBias = gradient.AsSpan(bias, h);
            for (var b = 0; b < n; b++) TensorPrimitives.Add(dBias, _dz.AsSpan(b * h, h), dBias);
            for (var j = 0; j < h; j++)
            {
                var column = _dzT.AsSpan(j * n, n);
                AccumulateRows(column, _states.AsSpan(t * bh, bh), h, gradient.AsSpan(j * h, h));        // δWⱼ += Σ_b δz[b, j]·h_t[b]
                AccumulateRows(column, _x.AsSpan(t * n * m, n * m), m, gradient.AsSpan(u + j * m, m));   // δUⱼ += Σ_b δz[b, j]·x_t[b]
            }
            // δh_{t−1} = δz·W, row by row of the batch.
            _dhPrevious.AsSpan().Clear();
            for (var b = 0; b < n; b++) AccumulateRows(_dz.AsSpan(b * h, h), p.AsSpan(0, u), h, _dhPrevious.AsSpan(b * h, h));
            _dhPrevious.CopyTo(_dh, 0);
        }
        return loss;
    }

    /// <summary>y += Σ_r a[r]·M[r·stride …+ y.Length): the accumulators stay in registers across r, four vectors at a time.</summary>
    private static void AccumulateRows(ReadOnlySpan<double> a, ReadOnlySpan<double> matrix, int stride, Span<double> y)
    {
        ref var m = ref MemoryMarshal.GetReference(matrix);
        ref var target = ref MemoryMarshal.GetReference(y);
        int width = y.Length, c = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; c + 32 <= width; c += 32)
            {
                var (s0, s1, s2, s3) = (Vector512.LoadUnsafe(ref target, (nuint)c), Vector512.LoadUnsafe(ref target, (nuint)c + 8),
                    Vector512.LoadUnsafe(ref target, (nuint)c + 16), Vector512.LoadUnsafe(ref target, (nuint)c + 24));
                for (var r = 0; r < a.Length; r++)
                {
                    var factor = Vector512.Create(a[r]);
                    var at = (nuint)(r * stride + c);
                    s0 = Vector512.FusedMultiplyAdd(factor, Vector512.LoadUnsafe(ref m, at), s0);
                    s1 = Vector512.FusedMultiplyAdd(factor, Vector512.LoadUnsafe(ref m, at + 8), s1);
                    s2 = Vector512.FusedMultiplyAdd(factor, Vector512.LoadUnsafe(ref m, at + 16), s2);
                    s3 = Vector512.FusedMultiplyAdd(factor, Vector512.LoadUnsafe(ref m, at + 24), s3);
                }
                s0.StoreUnsafe(ref target, (nuint)c);
                s1.StoreUnsafe(ref target, (nuint)c + 8);
                s2.StoreUnsafe(ref target, (nuint)c + 16);
                s3.StoreUnsafe(ref target, (nuint)c + 24);
            }
            for (; c + 8 <= width; c += 8)
            {
                var sum = Vector512.LoadUnsafe(ref target, (nuint)c);
                for (var r = 0; r < a.Length; r++) sum = Vector512.FusedMultiplyAdd(Vector512.Create(a[r]), Vector512.LoadUnsafe(ref m, (nuint)(r * stride + c)), sum);
                sum.StoreUnsafe(ref target, (nuint)c);
            }
        }
        for (; c + 4 <= width; c += 4)
        {
            var sum = Vector256.LoadUnsafe(ref target, (nuint)c);
            for (var r = 0; r < a.Length; r++) sum = Vector256.FusedMultiplyAdd(Vector256.Create(a[r]), Vector256.LoadUnsafe(ref m, (nuint)(r * stride + c)), sum);
            sum.StoreUnsafe(ref target, (nuint)c);
        }
        for (; c < width; c++)
        {
            var sum = Unsafe.Add(ref target, c);
            for (var r = 0; r < a.Length; r++) sum = Math.FusedMultiplyAdd(a[r], matrix[r * stride + c], sum);
            Unsafe.Add(ref target, c) = sum;
        }
    }

    /// <summary>The transpose of a rows × columns matrix into <paramref name="transposed"/> (columns × rows).</summary>
    private static void Transpose(ReadOnlySpan<double> matrix, int rows, int columns, Span<double> transposed)
    {
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++) transposed[c * rows + r] = matrix[r * columns + c];
    }
}
