using System.Linq.Expressions;
using FsCheck.Xunit;
using Symbolic.Optimization;
using Symbolic.Tests.Generators;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Precision;

/// <summary>
/// <c>SingleCalculus.CompileBatchGradient</c> on random float models: the loss Σᵣ g(w[0]·r) over rows r, with g a random
/// model of one variable written in float, against the dual-number oracle in double (Σᵣ r·g′(w[0]·r), at w[0] = 1 so the
/// product is exact), within a few float roundings of the oracle's scale; and the same bits on one and two threads.
/// </summary>
public class SingleBatchGradientProperties
{
    private static readonly System.Reflection.MethodInfo FloatSum = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Sum) && m.IsGenericMethodDefinition && m.GetParameters() is [_, var selector]
            && selector.ParameterType.GetGenericArguments() is [_, var result] && result == typeof(float))
        .MakeGenericMethod(typeof(float));

    [Property(MaxTest = 150, Arbitrary = [typeof(OneVariable)])]
    public void A_float_batch_gradient_over_a_random_model_agrees_with_the_double_oracle_on_any_number_of_threads(GeneratedFunction f)
    {
        var oracleModel = SingleNarrowing.RoundConstants(f.Lambda);
        var rows = SingleNarrowing.ComparablePoints(f, oracleModel).Select(p => (float)p[0]).ToArray();
        if (rows.Length == 0) return;
        var model = RowLoss((Expression<Func<float, float>>)SingleNarrowing.ToSingle(f.Lambda));
        using var one = model.CompileBatchGradient(rows, new BatchGradientOptions { ChunkCount = 2, MaxThreads = 1 });
        using var two = model.CompileBatchGradient(rows, new BatchGradientOptions { ChunkCount = 2, MaxThreads = 2 });
        float[] w = [1f];
        var (g1, g2) = (new float[1], new float[1]);
        var (v1, v2) = (one.Evaluate(w, g1), two.Evaluate(w, g2));

        SingleTolerance.AssertIdentical("one and two threads give different losses", oracleModel, [w[0]], v1, v2);
        SingleTolerance.AssertIdentical("one and two threads give different gradients", oracleModel, [w[0]], g1[0], g2[0]);
        var (exact, scale) = (0.0, 0.0);
        foreach (var r in rows)
        {
            var oracle = DualInterpreter.Evaluate(oracleModel, [r], first: 0);
            (exact, scale) = (exact + r * oracle.Number.D1, scale + Math.Abs(r) * oracle.Scale.D1);
        }
        if (double.IsFinite(exact) && double.IsFinite(scale) && scale < float.MaxValue)
            SingleTolerance.AssertAgree($"the float batch gradient over rows {string.Join(", ", rows)} disagrees with the double oracle", oracleModel, [w[0]], exact, g1[0], scale);
    }

    /// <summary>(w, rows) =&gt; rows.Sum(r =&gt; g(w[0] * r)).</summary>
    private static Expression<Func<float[], float[], float>> RowLoss(Expression<Func<float, float>> g)
    {
        var (w, rows, r) = (Expression.Parameter(typeof(float[]), "w"), Expression.Parameter(typeof(float[]), "rows"), Expression.Parameter(typeof(float), "r"));
        var argument = Expression.Multiply(Expression.ArrayIndex(w, Expression.Constant(0)), r);
        var body = new Substitute(g.Parameters[0], argument).Visit(g.Body);
        return Expression.Lambda<Func<float[], float[], float>>(Expression.Call(FloatSum, rows, Expression.Lambda<Func<float, float>>(body, r)), w, rows);
    }

    private sealed class Substitute(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
