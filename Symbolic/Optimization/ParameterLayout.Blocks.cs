namespace Symbolic.Optimization;

/// <summary>The block reads and writes behind the double and float overloads: written once over the element type.</summary>
public sealed partial class ParameterLayout
{
    private Span<T> Slice<T>(T[] w, ParameterBlock block)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (w.Length != Size) throw new ArgumentException($"The parameter vector has length {w.Length}; this layout has {Size} parameters.", nameof(w));
        return w.AsSpan(block.Offset, block.Length);
    }

    private T[,] ToMatrix<T>(T[] w, ParameterBlock block)
    {
        var values = Slice(w, block);
        var matrix = new T[block.Rows, block.Columns];
        for (var i = 0; i < block.Rows; i++)
            for (var j = 0; j < block.Columns; j++) matrix[i, j] = values[i * block.Columns + j];
        return matrix;
    }

    private void CopyInto<T>(T[] w, string name, ReadOnlySpan<T> values)
    {
        var block = Find(name);
        if (values.Length != block.Length)
            throw new ArgumentException($"Block '{name}' ({block.Shape}) holds {block.Length} values; {values.Length} were given.", nameof(values));
        values.CopyTo(Slice(w, block));
    }

    private void CopyInto<T>(T[] w, string name, T[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var block = Find(name);
        if (values.GetLength(0) != block.Rows || values.GetLength(1) != block.Columns)
            throw new ArgumentException($"Block '{name}' is {block.Rows} × {block.Columns}; the array given is {values.GetLength(0)} × {values.GetLength(1)}.", nameof(values));
        var target = Slice(w, block);
        for (var i = 0; i < block.Rows; i++)
            for (var j = 0; j < block.Columns; j++) target[i * block.Columns + j] = values[i, j];
    }
}
