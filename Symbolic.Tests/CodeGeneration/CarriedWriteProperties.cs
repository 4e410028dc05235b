using System.Globalization;
using System.Linq.Expressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Symbolic.Tests.Backpropagation;

namespace Symbolic.Tests.CodeGeneration;

/// <summary>
/// Random stencil models, Σᵢ Σₜ cₜ·φₜ(x[s·i + aₜ], x[s·i + bₜ]) over i &lt; (x.Length − max offset) / s, with
/// random offsets, strides, coefficients and nonlinearities — some cover their entries (written once, carried),
/// some leave holes (cleared, added). Whichever the plan, the gradient written into a NaN-filled buffer agrees
/// with finite differences and with the gradient written into a zeroed one.
/// </summary>
public class CarriedWriteProperties
{
    [Property(MaxTest = 200, Arbitrary = [typeof(StencilCases)])]
    public void A_stencil_models_gradient_into_a_NaN_filled_buffer_agrees_with_finite_differences(StencilCase c)
    {
        var f = c.Model;
        var reference = f.Compile();
        var compiled = f.CompileGradient();
        var (poisoned, zeroed) = (Enumerable.Repeat(double.NaN, c.X.Length).ToArray(), new double[c.X.Length]);
        // A negative count: LINQ throws, and so does the gradient unless its terms cancel algebraically (a known
        // limitation, docs/linq-models.md); CarriedWriteTests checks the throwing lengths of each pattern.
        if ((c.X.Length - c.Width) / c.Stride < 0) return;
        Assert.Equal(reference(c.X), compiled(c.X, poisoned), 1e-12);
        compiled(c.X, zeroed);
        Assert.Equal(zeroed, poisoned);
        var estimate = FiniteDifferences.Gradient(reference, c.X);
        for (var j = 0; j < c.X.Length; j++)
            Assert.True(Math.Abs(estimate[j] - poisoned[j]) <= 1e-6 * Math.Max(1, Math.Abs(estimate[j])), $"{c}: ∂f/∂x[{j}] = {poisoned[j]}, finite differences {estimate[j]}");
    }

    /// <summary>One term cₜ·φ(x[s·i + A], x[s·i + B]), φ chosen by <paramref name="Kind"/>.</summary>
    public sealed record StencilTerm(int Kind, int A, int B, double Coefficient);

    /// <summary>A stencil model with stride <paramref name="Stride"/> and its point.</summary>
    public sealed record StencilCase(int Stride, IReadOnlyList<StencilTerm> Terms, double[] X)
    {
        /// <summary>The largest offset read: the range's count is (x.Length − Width) / Stride.</summary>
        public int Width => Terms.Max(t => Math.Max(t.A, t.B));

        public Expression<Func<double[], double>> Model
        {
            get
            {
                var (x, i) = (Expression.Parameter(typeof(double[]), "x"), Expression.Parameter(typeof(int), "i"));
                Expression Read(int offset)
                {
                    Expression scaled = Stride == 1 ? i : Expression.Multiply(Expression.Constant(Stride), i);
                    return Expression.ArrayIndex(x, offset == 0 ? scaled : Expression.Add(scaled, Expression.Constant(offset)));
                }
                Expression Term(StencilTerm t) => Expression.Multiply(Expression.Constant(t.Coefficient), t.Kind switch
                {
                    0 => Expression.Multiply(Read(t.A), Read(t.B)),
                    1 => Expression.Call(typeof(Math).GetMethod(nameof(Math.Sin))!, Read(t.A)),
                    2 => Square(Expression.Subtract(Read(t.A), Square(Read(t.B)))),
                    _ => Expression.Call(typeof(Math).GetMethod(nameof(Math.Exp))!, Expression.Multiply(Expression.Constant(0.5), Read(t.A))),
                });
                var body = Terms.Select(Term).Aggregate(Expression.Add);
                Expression count = Expression.Subtract(Expression.ArrayLength(x), Expression.Constant(Width));
                if (Stride > 1) count = Expression.Divide(count, Expression.Constant(Stride));
                var range = Expression.Call(typeof(Enumerable).GetMethod(nameof(Enumerable.Range))!, Expression.Constant(0), count);
                return Expression.Lambda<Func<double[], double>>(Expression.Call(SumMethod, range, Expression.Lambda<Func<int, double>>(body, i)), x);
            }
        }

        // Enumerable.Sum<int>(IEnumerable<int>, Func<int, double>), read off a lambda rather than looked up among its overloads.
        private static readonly Expression<Func<IEnumerable<int>, double>> SumCall = s => s.Sum(k => 0.0);
        private static readonly System.Reflection.MethodInfo SumMethod = ((MethodCallExpression)SumCall.Body).Method;

        private static Expression Square(Expression e) => Expression.Multiply(e, e);

        public override string ToString() =>
            $"{Model} at x = [{string.Join(", ", X.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}]";
    }

    /// <summary>Strides 1 and 2, one to three terms with offsets 0 to 3, points of 0 to 9 entries in [−1.5, 1.5].</summary>
    public static class StencilCases
    {
        private static readonly Gen<StencilTerm> Term =
            from kind in Gen.Choose(0, 3)
            from a in Gen.Choose(0, 3)
            from b in Gen.Choose(0, 3)
            from c in Gen.Choose(-8, 8)
            select new StencilTerm(kind, a, b, c == 0 ? 1 : c * 0.25);

        public static Arbitrary<StencilCase> Cases() => Arb.From(
            from stride in Gen.Choose(1, 2)
            from count in Gen.Choose(1, 3)
            from terms in Gen.ArrayOf(Term, count)
            from n in Gen.Choose(0, 9)
            from x in Gen.ArrayOf(Gen.Choose(-1_500_000, 1_500_000).Select(k => k * 1e-6), n)
            select new StencilCase(stride, terms, x));
    }
}
