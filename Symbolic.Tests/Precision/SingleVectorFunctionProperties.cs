using System.Linq.Expressions;
using FsCheck.Xunit;
using Symbolic.Tests.Generators;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Precision;

/// <summary>
/// The float entry points over vector functions and several floats — <c>Jacobian</c>, <c>Jvp</c>, <c>Vjp</c>, the
/// typed <c>Partial</c> of two to four floats and their tuple <c>Grad</c> — on random models written in float, against the dual-number oracle
/// evaluated in double on the same function (constants rounded to float) at the same float point, within a few float
/// roundings of the oracle's scale (<see cref="SingleTolerance"/>).
/// </summary>
public class SingleVectorFunctionProperties
{
    [Property(MaxTest = 200, Arbitrary = [typeof(TwoToFourVariables)])]
    public void The_float_jacobian_and_its_products_agree_with_the_double_oracle(GeneratedFunction f)
    {
        var oracleModel = SingleNarrowing.RoundConstants(f.Lambda);
        var vector = AsVectorFunction(SingleNarrowing.ToSingle(f.Lambda));
        var (jacobian, jvp, vjp) = (vector.Jacobian().Compile(), vector.Jvp().Compile(), vector.Vjp().Compile());
        var n = f.Arity;
        var single = SingleTolerance.Untyped(SingleNarrowing.ToSingle(f.Lambda).Compile());
        foreach (var point in SingleNarrowing.ComparablePoints(f, oracleModel))
        {
            var reversed = point.Reverse().ToArray();
            if (!SingleNarrowing.IsComparable(single, oracleModel, reversed)) continue;
            // Output 0 is f(x0, …, xn−1), output 1 is f(xn−1, …, x0): ∂/∂xj of it is ∂f/∂(variable n−1−j) at the reversed point.
            var (exact, scale) = (new double[2, n], new double[2, n]);
            for (var j = 0; j < n; j++)
            {
                var (straight, backward) = (DualInterpreter.Evaluate(oracleModel, point, first: j), DualInterpreter.Evaluate(oracleModel, reversed, first: n - 1 - j));
                (exact[0, j], scale[0, j], exact[1, j], scale[1, j]) = (straight.Number.D1, straight.Scale.D1, backward.Number.D1, backward.Scale.D1);
            }
            var x = point.Select(c => (float)c).ToArray();
            var j32 = jacobian(x);
            for (var r = 0; r < 2; r++)
                for (var j = 0; j < n; j++)
                    SingleTolerance.AssertAgree($"the float Jacobian[{r}, {j}] disagrees with the double oracle", oracleModel, point, exact[r, j], j32[r, j], scale[r, j]);
            float[] v = [.. Enumerable.Range(0, n).Select(j => 0.5f - 0.25f * j)];
            float[] u = [0.75f, -1.25f];
            var (jv, uj) = (jvp(x, v), vjp(x, u));
            for (var r = 0; r < 2; r++)
                SingleTolerance.AssertAgree($"the float Jvp[{r}] disagrees with the double oracle", oracleModel, point,
                    Enumerable.Range(0, n).Sum(j => exact[r, j] * v[j]), jv[r], Enumerable.Range(0, n).Sum(j => scale[r, j] * Math.Abs(v[j])));
            for (var j = 0; j < n; j++)
                SingleTolerance.AssertAgree($"the float Vjp[{j}] disagrees with the double oracle", oracleModel, point,
                    exact[0, j] * u[0] + exact[1, j] * u[1], uj[j], scale[0, j] * Math.Abs(u[0]) + scale[1, j] * Math.Abs(u[1]));
        }
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(TwoToFourVariables)])]
    public void The_typed_float_partials_of_two_to_four_floats_agree_with_the_double_oracle(GeneratedFunction f)
    {
        var oracleModel = SingleNarrowing.RoundConstants(f.Lambda);
        var single = SingleNarrowing.ToSingle(f.Lambda);
        for (var i = 0; i < f.Arity; i++)
        {
            var partial = SingleTolerance.Untyped(TypedPartial(single, i).Compile());
            foreach (var point in SingleNarrowing.ComparablePoints(f, oracleModel))
            {
                var oracle = DualInterpreter.Evaluate(oracleModel, point, first: i);
                SingleTolerance.AssertAgree($"the typed float Partial(f, {i}) disagrees with the double oracle", oracleModel, point, oracle.Number.D1, partial(point), oracle.Scale.D1);
            }
        }
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(TwoToFourVariables)])]
    public void The_float_tuple_gradients_of_two_to_four_floats_agree_with_the_double_oracle(GeneratedFunction f)
    {
        var oracleModel = SingleNarrowing.RoundConstants(f.Lambda);
        var gradient = TupleGradient(SingleNarrowing.ToSingle(f.Lambda));
        foreach (var point in SingleNarrowing.ComparablePoints(f, oracleModel))
        {
            var actual = gradient(point);
            for (var i = 0; i < f.Arity; i++)
            {
                var oracle = DualInterpreter.Evaluate(oracleModel, point, first: i);
                SingleTolerance.AssertAgree($"the float tuple Grad(f) item {i} disagrees with the double oracle", oracleModel, point, oracle.Number.D1, actual[i], oracle.Scale.D1);
            }
        }
    }

    /// <summary>The <c>SingleCalculus.Grad</c> tuple overload of f's arity, compiled, as a function of a point of doubles (each converted to float).</summary>
    private static Func<double[], float[]> TupleGradient(LambdaExpression f)
    {
        switch (f)
        {
            case Expression<Func<float, float, float>> f2:
                var g2 = f2.Grad().Compile();
                return p => g2((float)p[0], (float)p[1]) is var (a, b) ? [a, b] : [];
            case Expression<Func<float, float, float, float>> f3:
                var g3 = f3.Grad().Compile();
                return p => g3((float)p[0], (float)p[1], (float)p[2]) is var (a, b, c) ? [a, b, c] : [];
            case Expression<Func<float, float, float, float, float>> f4:
                var g4 = f4.Grad().Compile();
                return p => g4((float)p[0], (float)p[1], (float)p[2], (float)p[3]) is var (a, b, c, d) ? [a, b, c, d] : [];
            default:
                throw new ArgumentException($"Expected a float model of two to four variables, got {f.Type}.", nameof(f));
        }
    }

    /// <summary>The <c>SingleCalculus.Partial</c> overload of f's arity, whose result keeps f's float signature.</summary>
    private static LambdaExpression TypedPartial(LambdaExpression f, int i) => f switch
    {
        Expression<Func<float, float, float>> f2 => f2.Partial(i),
        Expression<Func<float, float, float, float>> f3 => f3.Partial(i),
        Expression<Func<float, float, float, float, float>> f4 => f4.Partial(i),
        _ => throw new ArgumentException($"Expected a float model of two to four variables, got {f.Type}.", nameof(f)),
    };

    /// <summary>x =&gt; new[] { f(x[0], …, x[n−1]), f(x[n−1], …, x[0]) } of a float model of n scalars.</summary>
    public static Expression<Func<float[], float[]>> AsVectorFunction(LambdaExpression f)
    {
        var x = Expression.Parameter(typeof(float[]), "x");
        var n = f.Parameters.Count;
        Expression At(int k) => Expression.ArrayIndex(x, Expression.Constant(k));
        var straight = new Substitute(f.Parameters.Select((p, k) => (p, At(k))).ToDictionary()).Visit(f.Body);
        var backward = new Substitute(f.Parameters.Select((p, k) => (p, At(n - 1 - k))).ToDictionary()).Visit(f.Body);
        return Expression.Lambda<Func<float[], float[]>>(Expression.NewArrayInit(typeof(float), straight, backward), x);
    }

    private sealed class Substitute(Dictionary<ParameterExpression, Expression> map) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => map.TryGetValue(node, out var e) ? e : node;
    }
}
