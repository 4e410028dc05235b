namespace Symbolic.Tests.Linq.Generators;

/// <summary>
/// A random LINQ-style model over parameters x and data, before it becomes an expression tree. Loop
/// levels are absolute: level 0 is the outermost sum, and a term inside k sums may read levels 0 … k−1.
/// </summary>
public abstract record LinqTerm;

/// <summary>x[iₗ + offset], or the Select/Zip element itself when the level's source is x (offset 0).</summary>
public sealed record ElementTerm(int Level, int Offset) : LinqTerm;

/// <summary>data[iₗ + offset], or the Zip's data element (offset 0).</summary>
public sealed record DataTerm(int Level, int Offset) : LinqTerm;

/// <summary>The loop index of a level, as a double.</summary>
public sealed record IndexTerm(int Level) : LinqTerm;

/// <summary>x[index], a constant index (throws when x is shorter, in LINQ and in the gradient alike).</summary>
public sealed record FixedTerm(int Index) : LinqTerm;

public sealed record ConstantTerm(double Value) : LinqTerm;

public enum UnaryForm { Sin, Tanh, Atan, Square, LogOnePlusSquare, SqrtOnePlusSquare }

public sealed record UnaryTerm(UnaryForm Form, LinqTerm Operand) : LinqTerm;

/// <summary>Add, Subtract, Multiply, or a / (1 + b²).</summary>
public enum BinaryForm { Add, Subtract, Multiply, SafeDivide }

public sealed record BinaryTerm(BinaryForm Form, LinqTerm Left, LinqTerm Right) : LinqTerm;

/// <summary>How a sum's sequence is written.</summary>
public enum SourceKind
{
    /// <summary>Enumerable.Range(0, count), count keeping every x[i + o] and data[i + o] of the body in bounds.</summary>
    Range,
    /// <summary>Enumerable.Range(1, count − 1).</summary>
    RangeFromOne,
    /// <summary>Range(…).Where(i =&gt; i % 2 == 0).</summary>
    WhereIndexIsEven,
    /// <summary>Range(…).Where(i =&gt; data[i] &gt; 0).</summary>
    WhereDataIsPositive,
    /// <summary>Enumerable.Range(0, i) for the enclosing index i (nested only; offsets 0, no data at this level).</summary>
    Triangular,
    /// <summary>x.Select((v, i) =&gt; body): x at this level only as v (offset 0), no data at this level.</summary>
    SelectWithIndex,
    /// <summary>x.Zip(data, (v, d) =&gt; body): lengths may differ; no index, only v and d at this level.</summary>
    Zip,
}

public static class SourceKinds
{
    public static bool HasIndex(this SourceKind kind) => kind != SourceKind.Zip;

    public static bool AllowsElementOffsets(this SourceKind kind) => kind is SourceKind.Range or SourceKind.RangeFromOne or SourceKind.WhereIndexIsEven or SourceKind.WhereDataIsPositive;

    public static bool AllowsData(this SourceKind kind) => kind is not (SourceKind.Triangular or SourceKind.SelectWithIndex);
}

/// <summary>Sum or Average of the body over the source (the level of its index is its nesting depth).</summary>
public sealed record SumTerm(SourceKind Source, bool Average, LinqTerm Body) : LinqTerm;
