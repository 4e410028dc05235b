using System.Linq.Expressions;
using System.Reflection;
using FsCheck.Xunit;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Folds;

/// <summary>
/// Random folds (random step bodies, scalar and two-wide vector states, lengths 0 to 4) against two oracles:
/// the same model unrolled by hand into one expression without Aggregate (built here, step by step), and
/// central finite differences of LINQ's own Aggregate; and the same fold keeping 1 to 4 states, bit for bit.
/// </summary>
public class RandomFoldProperties
{
    private static readonly MethodInfo AggregateWithSeed = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Aggregate) && m.GetParameters().Length == 3);
    private static readonly MethodInfo AggregateWithResult = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Aggregate) && m.GetParameters().Length == 4);

    [Property(MaxTest = 40)]
    public void A_random_scalar_fold_matches_its_unrolled_form_and_finite_differences(int seed, byte length)
    {
        var random = new Random(seed);
        var data = Enumerable.Range(0, length % 5).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var (x, s, v) = (Expression.Parameter(typeof(double[]), "x"), Expression.Parameter(typeof(double), "s"), Expression.Parameter(typeof(double), "v"));
        var body = Expression.Add(Expression.Multiply(Expression.Constant(0.5), s), RandomBody(random, 3, [s, v, Element(x, 0), Element(x, 1)]));
        var fold = Expression.Lambda<Func<double[], double>>(Expression.Call(AggregateWithSeed.MakeGenericMethod(typeof(double), typeof(double)),
            Expression.Constant(data), Element(x, 2), Expression.Lambda(body, s, v)), x);

        Expression state = Element(x, 2);
        foreach (var element in data) state = new Replace(new() { [s] = state, [v] = Expression.Constant(element) }).Apply(body);
        var unrolled = Expression.Lambda<Func<double[], double>>(state, x);

        AgreesWithOracles(fold, unrolled, random);
    }

    [Property(MaxTest = 40)]
    public void A_random_vector_fold_matches_its_unrolled_form_and_finite_differences(int seed, byte length)
    {
        var random = new Random(seed);
        var data = Enumerable.Range(0, length % 5).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var (x, s, v) = (Expression.Parameter(typeof(double[]), "x"), Expression.Parameter(typeof(double[]), "s"), Expression.Parameter(typeof(double), "v"));
        var (s0, s1) = (Expression.ArrayIndex(s, Expression.Constant(0)), Expression.ArrayIndex(s, Expression.Constant(1)));
        Expression[] leaves = [s0, s1, v, Element(x, 0), Element(x, 1)];
        var first = Expression.Add(Expression.Multiply(Expression.Constant(0.5), s1), RandomBody(random, 3, leaves));
        var second = Expression.Add(Expression.Multiply(Expression.Constant(-0.25), s0), RandomBody(random, 3, leaves));
        var step = Expression.Lambda(Expression.NewArrayInit(typeof(double), first, second), s, v);
        var result = Expression.Lambda(Expression.Add(s0, Expression.Multiply(Expression.Constant(2.0), s1)), s);
        var fold = Expression.Lambda<Func<double[], double>>(Expression.Call(AggregateWithResult.MakeGenericMethod(typeof(double), typeof(double[]), typeof(double)),
            Expression.Constant(data), Expression.NewArrayInit(typeof(double), Element(x, 2), Expression.Constant(0.25)), step, result), x);

        Expression a = Element(x, 2), b = Expression.Constant(0.25);
        foreach (var element in data)
        {
            var replace = new Replace(new() { [s0] = a, [s1] = b, [v] = Expression.Constant(element) });
            (a, b) = (replace.Apply(first), replace.Apply(second));
        }
        var unrolled = Expression.Lambda<Func<double[], double>>(Expression.Add(a, Expression.Multiply(Expression.Constant(2.0), b)), x);

        AgreesWithOracles(fold, unrolled, random);
    }

    private static void AgreesWithOracles(Expression<Func<double[], double>> fold, Expression<Func<double[], double>> unrolled, Random random)
    {
        var point = Enumerable.Range(0, 3).Select(_ => random.NextDouble() * 1.6 - 0.8).ToArray();
        var (gradient, expected) = (new double[3], new double[3]);
        var value = fold.CompileGradient()(point, gradient);
        var unrolledValue = unrolled.CompileGradient()(point, expected);
        // Keeping 1 to 4 states and recomputing the others gives the same gradient to round-off.
        var checkpointed = new double[3];
        Assert.Equal(value, fold.CompileGradient(FoldCheckpointing.Stored(1 + random.Next(4)))(point, checkpointed));
        RoundOff.Equal(gradient, checkpointed);
        Assert.True(Tolerance.Agree(unrolledValue, value), $"value {value} vs unrolled {unrolledValue}");
        var linq = fold.Compile();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(Tolerance.Agree(expected[i], gradient[i], 1e-12), $"∂/∂x[{i}]: {gradient[i]} vs unrolled {expected[i]} in {fold}");
            var estimate = FiniteDifference.Partial(linq, point, i);
            Assert.True(Math.Abs(estimate.Derivative - gradient[i]) <= 1e-6 * Math.Max(1, Math.Abs(gradient[i])) + 4 * estimate.Error,
                $"∂/∂x[{i}]: {gradient[i]} vs finite differences {estimate.Derivative} in {fold}");
        }
    }

    private static Expression Element(ParameterExpression x, int index) => Expression.ArrayIndex(x, Expression.Constant(index));

    /// <summary>A random expression over the leaves: sums, differences, products, sin, cos, tanh.</summary>
    private static Expression RandomBody(Random random, int depth, Expression[] leaves)
    {
        if (depth == 0 || random.Next(4) == 0)
            return random.Next(5) == 0 ? Expression.Constant(Math.Round(random.NextDouble() * 2 - 1, 3)) : leaves[random.Next(leaves.Length)];
        Expression Next() => RandomBody(random, depth - 1, leaves);
        return random.Next(6) switch
        {
            0 => Expression.Add(Next(), Next()),
            1 => Expression.Subtract(Next(), Next()),
            2 => Expression.Multiply(Next(), Next()),
            3 => Expression.Call(typeof(Math).GetMethod(nameof(Math.Sin))!, Next()),
            4 => Expression.Call(typeof(Math).GetMethod(nameof(Math.Cos))!, Next()),
            _ => Expression.Call(typeof(Math).GetMethod(nameof(Math.Tanh))!, Next()),
        };
    }

    /// <summary>Replaces the given sub-expressions (the state and the element) by others: one step unrolled.</summary>
    private sealed class Replace(Dictionary<Expression, Expression> replacements) : ExpressionVisitor
    {
        public Expression Apply(Expression body) => Visit(body)!;

        public override Expression? Visit(Expression? node) => node is not null && replacements.TryGetValue(node, out var by) ? by : base.Visit(node);
    }
}
