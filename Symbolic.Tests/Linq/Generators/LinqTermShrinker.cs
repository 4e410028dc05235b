namespace Symbolic.Tests.Linq.Generators;

/// <summary>
/// Smaller models after a failure: a sum replaced by a term of its body that does not read its index,
/// a sum made a plain Range or a Sum instead of an Average, any term replaced by an operand; reads
/// moved to offset 0. Every shrink keeps every read in bounds (the renderer sizes ranges from the body).
/// </summary>
public static class LinqTermShrinker
{
    public static IEnumerable<LinqTerm> Shrink(LinqTerm term, int depth = 0)
    {
        switch (term)
        {
            case SumTerm s:
                foreach (var inner in LinqTerms.ShallowSubterms(s.Body))
                    if (LinqTerms.LiftOutOf(inner, depth) is { } lifted) yield return lifted;
                if (s.Source != SourceKind.Range) yield return s with { Source = SourceKind.Range };
                if (s.Average) yield return s with { Average = false };
                foreach (var smaller in Shrink(s.Body, depth + 1)) yield return s with { Body = smaller };
                break;
            case UnaryTerm u:
                yield return u.Operand;
                foreach (var smaller in Shrink(u.Operand, depth)) yield return u with { Operand = smaller };
                break;
            case BinaryTerm b:
                yield return b.Left;
                yield return b.Right;
                foreach (var smaller in Shrink(b.Left, depth)) yield return b with { Left = smaller };
                foreach (var smaller in Shrink(b.Right, depth)) yield return b with { Right = smaller };
                break;
            case ElementTerm { Offset: > 0 } e:
                yield return e with { Offset = 0 };
                break;
            case DataTerm d:
                if (d.Offset > 0) yield return d with { Offset = 0 };
                yield return new ConstantTerm(1);
                break;
            case FixedTerm or IndexTerm:
                yield return new ConstantTerm(1);
                break;
        }
    }
}
