using System.Reflection;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// The runtime methods emitted code calls for matrices and rows, for one element type: the double entry points
/// of <see cref="DenseRuntime"/> and <see cref="RowMaps"/>, or their float overloads (same names, float arrays;
/// the buffers are <c>RentSingle</c> and <c>SingleScratch</c>). One emitter serves both precisions by asking
/// this for the model's element type rather than naming the double methods.
/// </summary>
internal sealed class RuntimeEntryPoints
{
    private RuntimeEntryPoints(Type element)
    {
        var single = element == typeof(float);
        MethodInfo Dense(string name) => RuntimeMethods.Find(typeof(DenseRuntime), name, element);
        MethodInfo Rows(string name) => RuntimeMethods.Find(typeof(RowMaps), name, element);
        ArrayType = element.MakeArrayType();
        Rent = Dense(single ? nameof(DenseRuntime.RentSingle) : nameof(DenseRuntime.Rent));
        Multiply = Dense(nameof(DenseRuntime.Multiply));
        Add = Dense(nameof(DenseRuntime.Add));
        MultiplyAdd = Dense(nameof(DenseRuntime.MultiplyAdd));
        AddTo = Dense(nameof(DenseRuntime.AddTo));
        MultiplyInto = Dense(nameof(DenseRuntime.MultiplyInto));
        CopyTo = Dense(nameof(DenseRuntime.CopyTo));
        Unary = Rows(nameof(RowMaps.Unary));
        Binary = Rows(nameof(RowMaps.Binary));
        BinaryScalar = Rows(nameof(RowMaps.BinaryScalar));
        ScalarBinary = Rows(nameof(RowMaps.ScalarBinary));
        Scratch = Rows(single ? nameof(RowMaps.SingleScratch) : nameof(RowMaps.Scratch));
        Sum = Rows(nameof(RowMaps.Sum));
        Copy = Rows(nameof(RowMaps.Copy));
        Fill = Rows(nameof(RowMaps.Fill));
        Select = Rows(nameof(RowMaps.Select));
    }

    /// <summary>The entry points of double models.</summary>
    public static RuntimeEntryPoints Double { get; } = new(typeof(double));

    /// <summary>The entry points of float models.</summary>
    public static RuntimeEntryPoints Single { get; } = new(typeof(float));

    /// <summary>The entry points for buffers of <paramref name="arrayType"/> (<c>double[]</c> or <c>float[]</c>).</summary>
    public static RuntimeEntryPoints ForArray(Type arrayType) =>
        arrayType == typeof(float[]) ? Single
        : arrayType == typeof(double[]) ? Double
        : throw new ArgumentException($"Runtime buffers are double[] or float[], not {arrayType.Name}.", nameof(arrayType));

    /// <summary>The type of the buffers: <c>double[]</c> or <c>float[]</c>.</summary>
    public Type ArrayType { get; }

    public MethodInfo Rent { get; }
    public MethodInfo Multiply { get; }
    public MethodInfo Add { get; }
    public MethodInfo MultiplyAdd { get; }
    public MethodInfo AddTo { get; }
    public MethodInfo MultiplyInto { get; }
    public MethodInfo CopyTo { get; }
    public MethodInfo Unary { get; }
    public MethodInfo Binary { get; }
    public MethodInfo BinaryScalar { get; }
    public MethodInfo ScalarBinary { get; }
    public MethodInfo Scratch { get; }
    public MethodInfo Sum { get; }
    public MethodInfo Copy { get; }
    public MethodInfo Fill { get; }
    public MethodInfo Select { get; }
}
