using System.Linq.Expressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Batch;

/// <summary>
/// Conditionals selected over a block of rows (<c>CodeGeneration.BlockSelections</c>) give the row-by-row
/// value and gradient, over random row losses <c>z op c ? a(z, y) : b(z, y)</c>: every comparison, thresholds
/// on and off the data, branches with exp, log, tanh, |·| (whose derivative is a sign, mapped over the block) and
/// constants, row counts around the block size, every layout. Oracles: the model's own LINQ evaluation and
/// Ridders' differences of it, their first step short of the nearest row's threshold or kink (trusted only where Ridders is sure).
/// </summary>
public class SelectionProperties
{
    private const int B = 64;

    private static readonly int[] RowCounts = [1, B - 1, B, B + 1, 3 * B + 5];

    private static readonly ExpressionType[] Comparisons =
        [ExpressionType.LessThan, ExpressionType.LessThanOrEqual, ExpressionType.GreaterThan, ExpressionType.GreaterThanOrEqual, ExpressionType.Equal, ExpressionType.NotEqual];

    private static readonly ParameterExpression Z = Expression.Parameter(typeof(double), "z"), Y = Expression.Parameter(typeof(double), "y");

    // Branch values of (z, y): pure arithmetic, exp-like functions, |·|, a constant.
    private static readonly Expression[] Branches =
    [
        Expression.Multiply(Z, Z),
        Expression.Call(typeof(Math).GetMethod(nameof(Math.Exp))!, Z),
        Expression.Call(typeof(Math).GetMethod(nameof(Math.Abs), [typeof(double)])!, Expression.Subtract(Z, Y)),
        Expression.Subtract(Expression.Multiply(Y, Z), Expression.Constant(1.0)),
        Expression.Call(typeof(Math).GetMethod(nameof(Math.Log), [typeof(double)])!, Expression.Add(Expression.Constant(1.0), Expression.Call(typeof(Math).GetMethod(nameof(Math.Exp))!, Z))),
        Expression.Multiply(Expression.Call(typeof(Math).GetMethod(nameof(Math.Tanh))!, Z), Y),
        Expression.Constant(0.5),
    ];

    /// <summary>A random conditional row loss and its data.</summary>
    public sealed record SelectionCase(RowLayout Layout, ExpressionType Comparison, double Threshold, int IfTrue, int IfFalse, int Rows, int Features, int Seed)
    {
        /// <summary>The loss z op c ? a : b.</summary>
        public Expression<Func<double, double, double>> Loss() =>
            Expression.Lambda<Func<double, double, double>>(
                Expression.Condition(Expression.MakeBinary(Comparison, Z, Expression.Constant(Threshold)), Branches[IfTrue], Branches[IfFalse]), Z, Y);

        /// <inheritdoc/>
        public override string ToString() => $"{Loss()} over {Rows} {Layout} rows of {Features} (seed {Seed})";
    }

    /// <summary>Generators of <see cref="SelectionCase"/>.</summary>
    public static class SelectionCases
    {
        /// <summary>Uniform over layouts, comparisons, thresholds, branch pairs and row counts; d from 1 to 8.</summary>
        public static Arbitrary<SelectionCase> Arbitrary() => Arb.From(
            from layout in Gen.Elements(Enum.GetValues<RowLayout>())
            from comparison in Gen.Elements(Comparisons)
            from threshold in Gen.Elements(-0.3, 0.0, 0.4)
            from ifTrue in Gen.Choose(0, Branches.Length - 1)
            from ifFalse in Gen.Choose(0, Branches.Length - 1)
            from rows in Gen.Elements(RowCounts)
            from features in Gen.Choose(1, 8)
            from seed in Gen.Choose(0, 100_000)
            select new SelectionCase(layout, comparison, threshold, ifTrue, ifFalse, rows, features, seed));
    }

    [Property(MaxTest = 40, Arbitrary = [typeof(SelectionCases)])]
    public bool A_selected_conditional_matches_its_own_evaluation_and_finite_differences(SelectionCase c)
    {
        var (X, y) = RowModels.Data(c.Layout, c.Rows, c.Features, c.Seed);
        var random = new Random(c.Seed + 1);
        var w = Enumerable.Range(0, c.Features + 1).Select(_ => random.NextDouble() - 0.5).ToArray();
        var model = RowModels.Model(c.Layout, c.Loss());
        var evaluate = model.Compile();
        double F(double[] point) => (double)evaluate.DynamicInvoke(point, X, y)!;

        var gradient = new double[w.Length];
        var value = RowLayouts.CompileGradient(c.Layout, model)(w, X, y, gradient);

        // Vectorised exp, log and tanh are within a few ulps of Math's; sums of m terms differ by about m·ε·Σ|terms|.
        var tolerance = 1e-13 * (1 + c.Rows) * (10 + Math.Abs(value));
        if (Math.Abs(value - F(w)) > tolerance) return false;
        for (var k = 0; k < w.Length; k++)
        {
            var estimate = FiniteDifference.Derivative(t =>
            {
                var point = (double[])w.Clone();
                point[k] = t;
                return F(point);
            }, w[k], initialStep: Math.Min(1e-3, 0.5 * StepToKink(c, X, y, w, k)));
            if (estimate.IsReliable(1e-6) && Math.Abs(estimate.Derivative - gradient[k]) > 1e-6 * Math.Max(1, Math.Abs(gradient[k])) + 4 * estimate.Error)
                return false;
        }
        return true;
    }

    /// <summary>How far w[k] can move before some row's z reaches the threshold (where the loss jumps or kinks) or y (|z − y|'s kink).</summary>
    private static double StepToKink(SelectionCase c, object X, double[] y, double[] w, int k)
    {
        double Feature(int i, int j) => X switch { double[] flat => flat[i * c.Features + j], double[,] m => m[i, j], _ => ((double[][])X)[i][j] };
        var step = double.PositiveInfinity;
        for (var i = 0; i < c.Rows; i++)
        {
            var z = w[c.Features] + Enumerable.Range(0, c.Features).Sum(j => w[j] * Feature(i, j));
            var slope = k == c.Features ? 1 : Math.Abs(Feature(i, k));
            if (slope > 0) step = Math.Min(step, Math.Min(Math.Abs(z - c.Threshold), Math.Abs(z - y[i])) / slope);
        }
        return step;
    }
}
