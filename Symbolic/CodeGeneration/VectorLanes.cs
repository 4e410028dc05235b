using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.Intrinsics;

namespace Symbolic.CodeGeneration;

/// <summary>
/// The SIMD vector a phase of a blocked loop runs over (<see cref="VectorPhase"/>): <see cref="Vector256{T}"/> of
/// doubles, four rows at a time, and the <see cref="Vector256"/> methods the emitted code calls. Public BCL methods, so
/// <c>ToCSharpGradient</c>'s source calls them too, and the JIT compiles them to the vector instructions.
/// </summary>
internal sealed class VectorLanes
{
    // Before Doubles: static fields initialise in order.
    private static readonly MethodInfo[] Methods = typeof(Vector256).GetMethods(BindingFlags.Public | BindingFlags.Static);

    /// <summary>Four doubles (AVX2), or null when the hardware does not accelerate them (the phases then stay scalar).</summary>
    public static VectorLanes? Doubles { get; } = Vector256.IsHardwareAccelerated ? new VectorLanes() : null;

    private VectorLanes()
    {
    }

    /// <summary>The rows one vector holds.</summary>
    public int Count { get; } = Vector256<double>.Count;

    /// <summary>The vector type.</summary>
    public Type Type { get; } = typeof(Vector256<double>);

    /// <summary>A vector of zeros.</summary>
    public Expression Zero { get; } = Expression.Property(null, typeof(Vector256<double>), nameof(Vector256<double>.Zero));

    private readonly MethodInfo _broadcast = Methods.Single(m => m.Name == nameof(Vector256.Create) && !m.IsGenericMethod
        && m.GetParameters() is [{ ParameterType: var t }] && t == typeof(double));

    private readonly MethodInfo _load = Generic(nameof(Vector256.Create), p => p is [{ ParameterType.IsArray: true }, { ParameterType: var t }] && t == typeof(int));

    private readonly MethodInfo _store = Generic(nameof(Vector256.CopyTo), p => p is [_, { ParameterType.IsArray: true }, { ParameterType: var t }] && t == typeof(int));

    private readonly MethodInfo _sum = Generic(nameof(Vector256.Sum), p => p.Length == 1);

    private readonly MethodInfo _abs = Generic(nameof(Vector256.Abs), p => p.Length == 1);

    private readonly MethodInfo _sqrt = Generic(nameof(Vector256.Sqrt), p => p.Length == 1);

    private static MethodInfo Generic(string name, Func<ParameterInfo[], bool> shape) =>
        Methods.Single(m => m.Name == name && m.IsGenericMethodDefinition && shape(m.GetParameters())).MakeGenericMethod(typeof(double));

    /// <summary>Every lane <paramref name="value"/> (a double).</summary>
    public Expression Broadcast(Expression value) => Expression.Call(_broadcast, value);

    /// <summary>The lanes <c>array[start .. start + Count)</c> (checked against the array's length).</summary>
    public Expression Load(Expression array, Expression start) => Expression.Call(_load, array, start);

    /// <summary>Stores the lanes at <c>array[start .. start + Count)</c>.</summary>
    public Expression Store(Expression vector, Expression array, Expression start) => Expression.Call(_store, vector, array, start);

    /// <summary>The lanes' sum, in the order <see cref="Vector256.Sum{T}(Vector256{T})"/> adds them (fixed for the hardware).</summary>
    public Expression Sum(Expression vector) => Expression.Call(_sum, vector);

    /// <summary>The vector form of a <see cref="Math"/> function of one double, or null: |x| and √x, both exact per lane.</summary>
    public MethodInfo? Function(MethodInfo math) => math.DeclaringType != typeof(Math) || math.GetParameters() is not [{ ParameterType: var t }] || t != typeof(double) ? null
        : math.Name switch { nameof(Math.Abs) => _abs, nameof(Math.Sqrt) => _sqrt, _ => null };
}
