using System.Globalization;
using System.Linq.Expressions;
using FsCheck;
using FsCheck.Fluent;

namespace Symbolic.Tests.Linq.Generators;

/// <summary>A random LINQ model with its parameters x and its data (lengths 0 to 6, drawn independently).</summary>
public sealed record LinqModelCase(LinqTerm Term, double[] X, double[] Data)
{
    public Expression<Func<double[], double[], double>> Model => LinqTermRenderer.Model(Term);

    public Expression<Func<double, double[], double[], double>> ScaledModel => LinqTermRenderer.ScaledModel(Term);

    public override string ToString() =>
        $"{Model} at x = [{Format(X)}], data = [{Format(Data)}]";

    private static string Format(double[] values) => string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    public static Arbitrary<LinqModelCase> Arbitrary(int maximumNesting, bool nestedOnly) =>
        Arb.From(Generator(maximumNesting, nestedOnly), Shrink);

    public static Gen<LinqModelCase> Generator(int maximumNesting, bool nestedOnly) =>
        from term in LinqTermGenerator.Model(maximumNesting)
        where !nestedOnly || LinqTerms.Depth(term) >= 2
        from x in Vector
        from data in Vector
        select new LinqModelCase(term, x, data);

    // Lengths 0 and 1 as often as the others; fine-grained coordinates in [-1.5, 1.5].
    private static Gen<double[]> Vector { get; } =
        from length in Gen.Choose(0, 6)
        from values in Gen.ArrayOf(Gen.Choose(-1_500_000, 1_500_000).Select(k => k * 1e-6), length)
        select values;

    private static IEnumerable<LinqModelCase> Shrink(LinqModelCase c)
    {
        if (c.X.Length > 0) yield return c with { X = c.X[..^1] };
        if (c.Data.Length > 0) yield return c with { Data = c.Data[..^1] };
        foreach (var term in LinqTermShrinker.Shrink(c.Term)) yield return c with { Term = term };
    }
}

/// <summary>Models whose sums are not nested, for <c>[Property(Arbitrary = [typeof(FlatLinqModels)])]</c>.</summary>
public static class FlatLinqModels
{
    public static Arbitrary<LinqModelCase> Models() => LinqModelCase.Arbitrary(maximumNesting: 1, nestedOnly: false);
}

/// <summary>Models with a sum inside a sum.</summary>
public static class NestedLinqModels
{
    public static Arbitrary<LinqModelCase> Models() => LinqModelCase.Arbitrary(maximumNesting: 2, nestedOnly: true);
}

/// <summary>Models nested up to two deep.</summary>
public static class AnyLinqModels
{
    public static Arbitrary<LinqModelCase> Models() => LinqModelCase.Arbitrary(maximumNesting: 2, nestedOnly: false);
}
