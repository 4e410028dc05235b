using FsCheck;
using FsCheck.Fluent;

namespace Symbolic.Tests.Linq.Generators;

/// <summary>
/// Random LINQ-style models: bodies over x and data at affine offsets, random sources (Range, Where,
/// Select with index, Zip, triangular), Sum or Average, nested up to a given depth. Every read is in
/// bounds by construction (the renderer sizes each range from the offsets its body reads), every
/// function is smooth (sin, tanh, atan, t², log(1 + t²), √(1 + t²), a / (1 + b²)), and the only reads
/// that can fail are constant indexes x[c] on short arrays, and averages of empty sequences — both
/// throw in LINQ too, which is itself a property.
/// </summary>
public static class LinqTermGenerator
{
    private const int MaximumSize = 4;

    private static readonly SourceKind[] OuterSources = [.. Enum.GetValues<SourceKind>().Where(k => k != SourceKind.Triangular)];

    /// <summary>A model with at least one sum, nested at most <paramref name="maximumNesting"/> deep.</summary>
    public static Gen<LinqTerm> Model(int maximumNesting) => Gen.Sized(size => Model(maximumNesting, Math.Clamp(1 + size / 25, 1, MaximumSize)));

    private static Gen<LinqTerm> Model(int nesting, int size) => Gen.Frequency(
        (3, Sum([], nesting, size)),
        (2, from form in Gen.Elements(Enum.GetValues<BinaryForm>())
            from sum in Sum([], nesting, size)
            from other in Term([], nesting, size - 1)
            from sumFirst in Gen.Elements(true, false)
            select (LinqTerm)(sumFirst ? new BinaryTerm(form, sum, other) : new BinaryTerm(form, other, sum))));

    private static Gen<T> Deferred<T>(Func<Gen<T>> generator) => Gen.Constant(0).SelectMany(_ => generator());

    private static Gen<LinqTerm> Term(IReadOnlyList<SourceKind> scopes, int nesting, int size) => size <= 0
        ? Leaf(scopes)
        : Gen.Frequency(
            (3, Leaf(scopes)),
            (3, Deferred(() => from form in Gen.Elements(Enum.GetValues<UnaryForm>())
                               from operand in Term(scopes, nesting, size - 1)
                               select (LinqTerm)new UnaryTerm(form, operand))),
            (4, Deferred(() => from form in Gen.Elements(Enum.GetValues<BinaryForm>())
                               from left in Term(scopes, nesting, size - 1)
                               from right in Term(scopes, nesting, size - 1)
                               select (LinqTerm)new BinaryTerm(form, left, right))),
            (nesting > 0 ? 3 : 0, Deferred(() => Sum(scopes, nesting, size))));

    private static Gen<LinqTerm> Sum(IReadOnlyList<SourceKind> scopes, int nesting, int size) =>
        from source in Gen.Elements(scopes.Count > 0 && scopes[^1].HasIndex() ? Enum.GetValues<SourceKind>() : OuterSources)
        from average in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from body in Body([.. scopes, source], nesting - 1, size - 1)
        select (LinqTerm)new SumTerm(source, average, body);

    /// <summary>Mostly a body that reads its own level, combined with anything.</summary>
    private static Gen<LinqTerm> Body(IReadOnlyList<SourceKind> scopes, int nesting, int size) => Gen.Frequency(
        (4, from own in OwnRead(scopes)
            from form in Gen.Elements(Enum.GetValues<BinaryForm>())
            from rest in Term(scopes, nesting, size)
            select (LinqTerm)new BinaryTerm(form, own, rest)),
        (1, Term(scopes, nesting, size)));

    private static Gen<LinqTerm> OwnRead(IReadOnlyList<SourceKind> scopes) =>
        Gen.OneOf([ElementRead(scopes.Count - 1, scopes[^1]), .. scopes[^1].AllowsData() ? [DataRead(scopes.Count - 1, scopes[^1])] : Array.Empty<Gen<LinqTerm>>()]);

    private static Gen<LinqTerm> Leaf(IReadOnlyList<SourceKind> scopes)
    {
        var levels = Enumerable.Range(0, scopes.Count).ToArray();
        var withData = levels.Where(l => scopes[l].AllowsData()).ToArray();
        var withIndex = levels.Where(l => scopes[l].HasIndex()).ToArray();
        return Gen.Frequency(
            (levels.Length > 0 ? 6 : 0, Deferred(() => Gen.Elements(levels).SelectMany(l => ElementRead(l, scopes[l])))),
            (withData.Length > 0 ? 3 : 0, Deferred(() => Gen.Elements(withData).SelectMany(l => DataRead(l, scopes[l])))),
            (withIndex.Length > 0 ? 1 : 0, Deferred(() => Gen.Elements(withIndex).Select(l => (LinqTerm)new IndexTerm(l)))),
            (1, Gen.Choose(0, 2).Select(c => (LinqTerm)new FixedTerm(c))),
            (2, Constant.Select(c => (LinqTerm)new ConstantTerm(c))));
    }

    private static Gen<LinqTerm> ElementRead(int level, SourceKind kind) =>
        (kind.AllowsElementOffsets() ? Gen.Choose(0, 2) : Gen.Constant(0)).Select(o => (LinqTerm)new ElementTerm(level, o));

    private static Gen<LinqTerm> DataRead(int level, SourceKind kind) =>
        (kind.AllowsElementOffsets() ? Gen.Choose(0, 2) : Gen.Constant(0)).Select(o => (LinqTerm)new DataTerm(level, o));

    private static Gen<double> Constant { get; } = Gen.Choose(-300, 299).Select(k => (k + 0.5) / 100);
}
