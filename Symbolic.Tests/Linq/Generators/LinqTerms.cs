namespace Symbolic.Tests.Linq.Generators;

/// <summary>Facts about terms: offsets read at a level, nesting depth, the levels a term reads, and moving a term out of a sum.</summary>
public static class LinqTerms
{
    /// <summary>The largest offset of x (or data) read at <paramref name="level"/> anywhere in the term, −1 if none.</summary>
    public static int MaxOffset(LinqTerm term, int level, bool data) => term switch
    {
        ElementTerm e when !data && e.Level == level => e.Offset,
        DataTerm d when data && d.Level == level => d.Offset,
        UnaryTerm u => MaxOffset(u.Operand, level, data),
        BinaryTerm b => Math.Max(MaxOffset(b.Left, level, data), MaxOffset(b.Right, level, data)),
        SumTerm s => MaxOffset(s.Body, level, data),
        _ => -1,
    };

    /// <summary>The deepest nesting of sums in the term.</summary>
    public static int Depth(LinqTerm term) => term switch
    {
        UnaryTerm u => Depth(u.Operand),
        BinaryTerm b => Math.Max(Depth(b.Left), Depth(b.Right)),
        SumTerm s => 1 + Depth(s.Body),
        _ => 0,
    };

    /// <summary>
    /// The loop levels the term reads when it sits inside <paramref name="depth"/> sums: its element,
    /// data and index reads, and the enclosing index a triangular sum counts up to.
    /// </summary>
    public static IEnumerable<int> Levels(LinqTerm term, int depth) => term switch
    {
        ElementTerm e => [e.Level],
        DataTerm d => [d.Level],
        IndexTerm i => [i.Level],
        UnaryTerm u => Levels(u.Operand, depth),
        BinaryTerm b => Levels(b.Left, depth).Concat(Levels(b.Right, depth)),
        SumTerm { Source: SourceKind.Triangular } s => Levels(s.Body, depth + 1).Append(depth - 1),
        SumTerm s => Levels(s.Body, depth + 1),
        _ => [],
    };

    /// <summary>
    /// A term from the body of the sum at <paramref name="level"/>, moved out to replace that sum, or null
    /// when it reads the sum's own level. Levels bound inside the term move out by one.
    /// </summary>
    public static LinqTerm? LiftOutOf(LinqTerm term, int level) =>
        Levels(term, level + 1).Contains(level) ? null : Shift(term, level + 1);

    private static LinqTerm Shift(LinqTerm term, int from) => term switch
    {
        ElementTerm e when e.Level >= from => e with { Level = e.Level - 1 },
        DataTerm d when d.Level >= from => d with { Level = d.Level - 1 },
        IndexTerm i when i.Level >= from => i with { Level = i.Level - 1 },
        UnaryTerm u => u with { Operand = Shift(u.Operand, from) },
        BinaryTerm b => b with { Left = Shift(b.Left, from), Right = Shift(b.Right, from) },
        SumTerm s => s with { Body = Shift(s.Body, from) },
        _ => term,
    };

    /// <summary>The term and all its sub-terms, with the depth (number of enclosing sums) of each.</summary>
    public static IEnumerable<(LinqTerm Term, int Depth)> Subterms(LinqTerm term, int depth = 0)
    {
        yield return (term, depth);
        IEnumerable<(LinqTerm, int)> children = term switch
        {
            UnaryTerm u => [(u.Operand, depth)],
            BinaryTerm b => [(b.Left, depth), (b.Right, depth)],
            SumTerm s => [(s.Body, depth + 1)],
            _ => [],
        };
        foreach (var (child, childDepth) in children)
            foreach (var sub in Subterms(child, childDepth))
                yield return sub;
    }

    /// <summary>The direct sub-terms of a sum's body that are not inside a nested sum.</summary>
    public static IEnumerable<LinqTerm> ShallowSubterms(LinqTerm term)
    {
        yield return term;
        IEnumerable<LinqTerm> children = term switch
        {
            UnaryTerm u => [u.Operand],
            BinaryTerm b => [b.Left, b.Right],
            _ => [],
        };
        foreach (var child in children)
            foreach (var sub in ShallowSubterms(child))
                yield return sub;
    }
}
