using System.Linq.Expressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Batch;

/// <summary>
/// Blocked row loops give the per-row loop's value and gradient within round-off, over random row models:
/// random d, row counts around the block size (0, 1, B − 1, B, B + 1, 3B + 5, …), every loss and every data
/// layout. Oracles: the model's own LINQ evaluation (<c>f.Compile()</c>) for the value and Ridders' central
/// differences of it for the gradient.
/// </summary>
public class RowBlockingProperties
{
    /// <summary>The rows of one block (<c>RowBlockRule.Rows</c>): the counts tried sit on either side of its multiples.</summary>
    private const int B = 64;

    private static readonly int[] RowCounts = [0, 1, 2, B - 1, B, B + 1, 2 * B, 3 * B + 5];

    /// <summary>A random model and its data.</summary>
    public sealed record RowCase(RowLayout Layout, RowLoss Loss, int Rows, int Features, int Seed)
    {
        /// <inheritdoc/>
        public override string ToString() => $"{Loss} over {Rows} {Layout} rows of {Features} (seed {Seed})";
    }

    /// <summary>Generators of <see cref="RowCase"/>.</summary>
    public static class RowCases
    {
        /// <summary>Uniform over layouts, losses and the row counts; d from 1 to 20.</summary>
        public static Arbitrary<RowCase> Arbitrary() => Arb.From(
            from layout in Gen.Elements(Enum.GetValues<RowLayout>())
            from loss in Gen.Elements(Enum.GetValues<RowLoss>())
            from rows in Gen.Elements(RowCounts)
            from features in Gen.Choose(1, 20)
            from seed in Gen.Choose(0, 100_000)
            select new RowCase(layout, loss, rows, features, seed));
    }

    [Property(MaxTest = 40, Arbitrary = [typeof(RowCases)])]
    public bool A_blocked_row_model_matches_its_own_evaluation_and_finite_differences(RowCase c)
    {
        var (X, y) = RowModels.Data(c.Layout, c.Rows, c.Features, c.Seed);
        var random = new Random(c.Seed + 1);
        var w = Enumerable.Range(0, c.Features + 1).Select(_ => random.NextDouble() - 0.5).ToArray();
        var model = RowModels.Model(c.Layout, c.Loss);
        var evaluate = model.Compile();
        double F(double[] point) => (double)evaluate.DynamicInvoke(point, X, y)!;

        var gradient = new double[w.Length];
        var value = RowLayouts.CompileGradient(c.Layout, model)(w, X, y, gradient);

        // Each term within a few ulps (vectorised exp and log are within 4 ulps of Math's), summed in another
        // order: the sums of m terms differ by at most about m·ε·Σ|terms|, and Σ|terms| ≤ m·(|f|/m + 10).
        var tolerance = 1e-13 * (1 + c.Rows) * (10 + Math.Abs(value));
        if (Math.Abs(value - F(w)) > tolerance) return false;
        for (var k = 0; k < w.Length; k++)
        {
            var estimate = FiniteDifference.Derivative(t =>
            {
                var point = (double[])w.Clone();
                point[k] = t;
                return F(point);
            }, w[k], initialStep: Math.Min(1e-3, 0.5 * KinkStep(c, X, y, w, k)));
            // Hinge and Huber have kinks: the first step stays short of the nearest one (a row 3e-5 from Huber's kink
            // made a 1e-3 step cross it), and Ridders says when it is unsure.
            if (estimate.IsReliable(1e-6) && Math.Abs(estimate.Derivative - gradient[k]) > 1e-6 * Math.Max(1, Math.Abs(gradient[k])) + 4 * estimate.Error)
                return false;
        }
        return true;
    }

    /// <summary>How far w[k] can move before some row of a hinge or Huber loss reaches its kink (infinity for smooth losses).</summary>
    private static double KinkStep(RowCase c, object X, double[] y, double[] w, int k)
    {
        if (c.Loss is not (RowLoss.Hinge or RowLoss.Huber)) return double.PositiveInfinity;
        double Feature(int i, int j) => X switch { double[] flat => flat[i * c.Features + j], double[,] m => m[i, j], _ => ((double[][])X)[i][j] };
        var step = double.PositiveInfinity;
        for (var i = 0; i < c.Rows; i++)
        {
            var z = w[c.Features] + Enumerable.Range(0, c.Features).Sum(j => w[j] * Feature(i, j));
            // Hinge's kink is at (2y − 1)·z = 1, Huber's at |z − y| = 1; z moves by |x[i, k]| (1 for the bias) per unit of w[k].
            var distance = c.Loss == RowLoss.Hinge ? Math.Abs((2 * y[i] - 1) * z - 1) : Math.Abs(Math.Abs(z - y[i]) - 1);
            var slope = k == c.Features ? 1 : Math.Abs(Feature(i, k));
            if (slope > 0) step = Math.Min(step, distance / slope);
        }
        return step;
    }
}
