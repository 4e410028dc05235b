using System.Linq.Expressions;
using FsCheck;
using FsCheck.Fluent;

namespace Symbolic.Tests.Generators;

/// <summary>Random terms of bounded depth over a given number of variables.</summary>
public static class TermGenerator
{
    public const int MaximumDepth = 5;

    private static readonly ExpressionType[] Comparisons =
    [
        ExpressionType.LessThan, ExpressionType.LessThanOrEqual, ExpressionType.GreaterThan,
        ExpressionType.GreaterThanOrEqual, ExpressionType.Equal, ExpressionType.NotEqual,
    ];

    /// <summary>A term whose depth grows with FsCheck's size, up to <see cref="MaximumDepth"/>.</summary>
    public static Gen<Term> Sized(int variables) => Gen.Sized(size => Term(variables, Math.Clamp(1 + size / 10, 1, MaximumDepth)));

    /// <summary>A term at most <paramref name="depth"/> forms and conditionals deep over x0 … x(variables-1).</summary>
    public static Gen<Term> Term(int variables, int depth) => depth == 0
        ? Leaf(variables)
        : Gen.Frequency(
            (1, Leaf(variables)),
            // Deferred: building the sub-generators eagerly would build a tree of generators per call.
            (12, Deferred(() => Form(variables, depth))),
            (2, Deferred(() => Conditional(variables, depth))));

    private static Gen<T> Deferred<T>(Func<Gen<T>> generator) => Gen.Constant(0).SelectMany(_ => generator());

    private static Gen<Term> Leaf(int variables) => Gen.Frequency(
        (6, Gen.Choose(0, variables - 1).Select(i => (Term)new VariableTerm(i))),
        (2, Constant.Select(c => (Term)new ConstantTerm(c))),
        (1, Constant.Select(c => (Term)new CapturedTerm(c))));

    // Hundredths shifted by half a hundredth: never an integer or a half-integer, so floor and round
    // of a constant are never at their jump (which would reject every sample point).
    private static Gen<double> Constant { get; } = Gen.Choose(-300, 299).Select(k => (k + 0.5) / 100);

    private static Gen<Term> Form(int variables, int depth) =>
        from form in Gen.Elements<SafeForm>(SafeForms.All)
        from parameter in Gen.Elements(form.Parameters)
        from operands in Gen.ArrayOf(Term(variables, depth - 1), form.Arity)
        where !form.DistinctOperands || !Equals(operands[0], operands[1])
        select (Term)new FormTerm(form, parameter, operands);

    private static Gen<Term> Conditional(int variables, int depth) =>
        from test in Condition(variables, depth - 1, connectives: 1)
        from ifTrue in Term(variables, depth - 1)
        from ifFalse in Term(variables, depth - 1)
        select (Term)new ConditionalTerm(test, ifTrue, ifFalse);

    private static Gen<Condition> Condition(int variables, int depth, int connectives) => connectives == 0
        ? Comparison(variables, depth)
        : Gen.Frequency(
            (4, Comparison(variables, depth)),
            (1, from connective in Gen.Elements(ExpressionType.AndAlso, ExpressionType.OrElse)
                from left in Condition(variables, depth, connectives - 1)
                from right in Condition(variables, depth, connectives - 1)
                select (Condition)new LogicalCondition(connective, left, right)),
            (1, Condition(variables, depth, connectives - 1).Select(c => (Condition)new NotCondition(c))));

    private static Gen<Condition> Comparison(int variables, int depth) =>
        from comparison in Gen.Elements(Comparisons)
        from left in Term(variables, depth)
        from right in Term(variables, depth)
        where !Equals(left, right)   // x < x: always at its kink
        select (Condition)new ComparisonCondition(comparison, left, right);
}
