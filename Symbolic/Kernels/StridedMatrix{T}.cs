using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Symbolic.Kernels;

/// <summary>A matrix view on an array of doubles or floats: element (i, j) is <c>Data[Offset + i·Row + j·Column]</c>.</summary>
/// <remarks>Bounds are checked once, for the whole view, by <see cref="MatrixKernel"/>; element access is unchecked.</remarks>
internal readonly record struct StridedMatrix<T>(T[] Data, int Offset, int Row, int Column) where T : unmanaged
{
    /// <summary>The same storage read as the transpose: rows and columns swap strides.</summary>
    public StridedMatrix<T> Transposed => this with { Row = Column, Column = Row };

    /// <summary>A reference to element (i, j), unchecked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T At(int i, int j) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Data), (nint)Offset + (nint)i * Row + (nint)j * Column);

    /// <summary>Throws unless every element of a rows × columns view lies inside <see cref="Data"/>.</summary>
    public void CheckBounds(int rows, int columns, string name)
    {
        if (rows == 0 || columns == 0) return;
        long first = Offset, last = Offset;
        var rowSpan = (long)(rows - 1) * Row;
        var columnSpan = (long)(columns - 1) * Column;
        first += Math.Min(0, rowSpan) + Math.Min(0, columnSpan);
        last += Math.Max(0, rowSpan) + Math.Max(0, columnSpan);
        if (first < 0 || last >= Data.Length)
            throw new ArgumentOutOfRangeException(name, $"A {rows}×{columns} view at offset {Offset} with strides ({Row}, {Column}) reaches elements {first}..{last} of an array of {Data.Length}.");
    }
}
