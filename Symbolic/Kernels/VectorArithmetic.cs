using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Symbolic.Kernels;

/// <summary>
/// The fused multiply-add of <see cref="Vector512{T}"/> and <see cref="Vector256{T}"/> for a generic element type:
/// the BCL has it for double and float vectors only, not generically, so the micro-kernels written once for both
/// types call it here. The <c>typeof(T)</c> tests are constants to the JIT, which compiles each to the one instruction.
/// </summary>
internal static class VectorArithmetic
{
    /// <summary>a·b + c in each lane, rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> FusedMultiplyAdd<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c) where T : unmanaged, INumberBase<T>
    {
        if (typeof(T) == typeof(double)) return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        if (typeof(T) == typeof(float)) return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        throw new NotSupportedException($"No fused multiply-add for {typeof(T)}.");
    }

    /// <summary>a·b + c in each lane, rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> FusedMultiplyAdd<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c) where T : unmanaged, INumberBase<T>
    {
        if (typeof(T) == typeof(double)) return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        if (typeof(T) == typeof(float)) return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        throw new NotSupportedException($"No fused multiply-add for {typeof(T)}.");
    }
}
