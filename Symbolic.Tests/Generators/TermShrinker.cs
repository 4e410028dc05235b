namespace Symbolic.Tests.Generators;

/// <summary>
/// Smaller terms for FsCheck to try after a failure: first a subtree replaced by one of its own
/// operands (the big steps), then the same inside each operand. Every shrink is built from safe
/// forms, so it is as domain-safe as the original.
/// </summary>
public static class TermShrinker
{
    public static IEnumerable<Term> Shrink(Term term)
    {
        switch (term)
        {
            case FormTerm f:
                foreach (var operand in f.Operands) yield return operand;
                for (var i = 0; i < f.Operands.Count; i++)
                    foreach (var smaller in Shrink(f.Operands[i]))
                        yield return f with { Operands = [.. f.Operands.Take(i), smaller, .. f.Operands.Skip(i + 1)] };
                break;
            case ConditionalTerm c:
                yield return c.IfTrue;
                yield return c.IfFalse;
                foreach (var operand in Operands(c.Test)) yield return operand;
                foreach (var smaller in Shrink(c.Test)) yield return c with { Test = smaller };
                foreach (var smaller in Shrink(c.IfTrue)) yield return c with { IfTrue = smaller };
                foreach (var smaller in Shrink(c.IfFalse)) yield return c with { IfFalse = smaller };
                break;
            case CapturedTerm c:
                // Is it the opaque leaf that matters, or just the number?
                yield return new ConstantTerm(c.Value);
                break;
        }
    }

    private static IEnumerable<Condition> Shrink(Condition condition)
    {
        switch (condition)
        {
            case LogicalCondition l:
                yield return l.Left;
                yield return l.Right;
                foreach (var smaller in Shrink(l.Left)) yield return l with { Left = smaller };
                foreach (var smaller in Shrink(l.Right)) yield return l with { Right = smaller };
                break;
            case NotCondition n:
                yield return n.Operand;
                foreach (var smaller in Shrink(n.Operand)) yield return n with { Operand = smaller };
                break;
            case ComparisonCondition c:
                foreach (var smaller in Shrink(c.Left)) yield return c with { Left = smaller };
                foreach (var smaller in Shrink(c.Right)) yield return c with { Right = smaller };
                break;
        }
    }

    /// <summary>The real-valued terms a condition compares.</summary>
    private static IEnumerable<Term> Operands(Condition condition) => condition switch
    {
        ComparisonCondition c => [c.Left, c.Right],
        LogicalCondition l => Operands(l.Left).Concat(Operands(l.Right)),
        NotCondition n => Operands(n.Operand),
        _ => [],
    };
}
