using FsCheck;
using FsCheck.Fluent;

namespace Symbolic.Tests.Generators;

/// <summary>Random models with random sample points in [-2, 2]ⁿ, and their shrinks.</summary>
public static class FunctionArbitrary
{
    public const int PointsPerFunction = 3;

    public static Arbitrary<GeneratedFunction> Of(int minimumArity, int maximumArity) => Arb.From(Generator(minimumArity, maximumArity), Shrink);

    public static Gen<GeneratedFunction> Generator(int minimumArity, int maximumArity) =>
        from arity in Gen.Choose(minimumArity, maximumArity)
        from body in TermGenerator.Sized(arity)
        from points in Gen.ArrayOf(Gen.ArrayOf(Coordinate, arity), PointsPerFunction)
        select new GeneratedFunction(body, arity, points);

    // Fine-grained uniform reals: FsCheck's own doubles favour special and huge values.
    private static Gen<double> Coordinate { get; } = Gen.Choose(-1_000_000_000, 1_000_000_000).Select(k => k * 2e-9);

    /// <summary>One point at a time (which one fails?), then smaller bodies at the same points.</summary>
    private static IEnumerable<GeneratedFunction> Shrink(GeneratedFunction f)
    {
        if (f.Points.Count > 1)
            foreach (var point in f.Points) yield return f.With([point]);
        foreach (var body in TermShrinker.Shrink(f.Body)) yield return f.With(body);
    }
}

/// <summary>FsCheck arbitraries for <c>[Property(Arbitrary = [typeof(OneVariable)])]</c>: functions of one double.</summary>
public static class OneVariable
{
    public static Arbitrary<GeneratedFunction> Functions() => FunctionArbitrary.Of(1, 1);
}

/// <summary>FsCheck arbitraries for <c>[Property(Arbitrary = [typeof(TwoToFourVariables)])]</c>: functions of 2 to 4 doubles.</summary>
public static class TwoToFourVariables
{
    public static Arbitrary<GeneratedFunction> Functions() => FunctionArbitrary.Of(2, 4);
}

/// <summary>FsCheck arbitraries for <c>[Property(Arbitrary = [typeof(OneToFourVariables)])]</c>: functions of 1 to 4 doubles.</summary>
public static class OneToFourVariables
{
    public static Arbitrary<GeneratedFunction> Functions() => FunctionArbitrary.Of(1, 4);
}
