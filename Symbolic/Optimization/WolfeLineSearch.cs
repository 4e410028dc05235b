using System.Numerics;

namespace Symbolic.Optimization;

/// <summary>
/// A line search for the strong Wolfe conditions (Nocedal and Wright, Numerical Optimization, 2nd ed.,
/// algorithms 3.5 and 3.6): sufficient decrease φ(α) ≤ φ(0) + c₁·α·φ′(0) and small slope
/// |φ′(α)| ≤ c₂·|φ′(0)|. A bracketing phase doubles α until the interval holds a point satisfying both, a
/// zoom phase narrows it by safeguarded cubic interpolation. If the evaluations run out, the best point
/// with sufficient decrease found is accepted (Armijo only).
/// </summary>
/// <remarks>
/// Near a minimum the decrease a step can make falls below the rounding of f itself (|f| ≈ 2000 has
/// an ulp of 2e-13), and a test on values alone fails although the gradient is still far from zero.
/// Like Hager and Zhang's CG_DESCENT, the search then also accepts the approximate Wolfe conditions,
/// which read the decrease from slopes: φ(α) ≤ φ(0) + ε·|φ(0)| (no more than rounding worse),
/// (2c₁ − 1)·φ′(0) ≥ φ′(α) (for a quadratic, Armijo's condition) and |φ′(α)| ≤ c₂·|φ′(0)|. The
/// curvature part keeps a step too small to move x from ever passing.
/// </remarks>
/// <remarks>The trial point and its gradient are left in the caller's buffers: the accepted point costs no extra evaluation, except in the Armijo-only fallback.</remarks>
internal sealed class WolfeLineSearch(double sufficientDecrease, double curvature, int maxEvaluations)
{
    private const double Expansion = 2;

    /// <summary>ε of the approximate Wolfe conditions: the relative rounding tolerated in f.</summary>
    private const double ValueRounding = 1e-10;

    /// <summary>
    /// Searches along <paramref name="direction"/> from <paramref name="x"/>, where the value is
    /// <paramref name="value"/> and the slope <paramref name="slope"/> &lt; 0. On success, <paramref name="trial"/>
    /// and <paramref name="trialGradient"/> hold the accepted point and its gradient.
    /// </summary>
    /// <returns>The accepted step (its α and value), or null if no step decreases f enough.</returns>
    public async ValueTask<LineSearchPoint?> SearchAsync<T>(
        Objective<T> objective, T[] x, double[] direction, double value, double slope, double firstAlpha,
        T[] trial, T[] trialGradient) where T : IFloatingPointIeee754<T>
    {
        var origin = new LineSearchPoint(0, value, slope);
        var previous = origin;
        var alpha = firstAlpha;
        for (var evaluations = 0; evaluations < maxEvaluations;)
        {
            var point = await EvaluateAsync(objective, x, direction, alpha, trial, trialGradient).ConfigureAwait(false);
            evaluations++;
            if (objective.Cancelled) return null;
            if (ApproximateWolfe(origin, point)) return point;
            if (!SufficientDecrease(origin, point) || (evaluations > 1 && point.Value >= previous.Value))
                return await ZoomAsync(objective, x, direction, origin, previous, point, maxEvaluations - evaluations, trial, trialGradient).ConfigureAwait(false);
            if (Math.Abs(point.Slope) <= -curvature * origin.Slope) return point;
            if (point.Slope >= 0)
                return await ZoomAsync(objective, x, direction, origin, point, previous, maxEvaluations - evaluations, trial, trialGradient).ConfigureAwait(false);
            previous = point;
            alpha *= Expansion;
        }
        return await FallbackAsync(objective, x, direction, previous, trial, trialGradient).ConfigureAwait(false);
    }

    /// <summary>
    /// Narrows [low, high] (either order) which holds a strong Wolfe point. Invariants: low satisfies
    /// sufficient decrease and has the smallest value of such points seen; φ′(low)·(high − low) &lt; 0.
    /// </summary>
    private async ValueTask<LineSearchPoint?> ZoomAsync<T>(
        Objective<T> objective, T[] x, double[] direction, LineSearchPoint origin, LineSearchPoint low, LineSearchPoint high,
        int evaluationsLeft, T[] trial, T[] trialGradient) where T : IFloatingPointIeee754<T>
    {
        for (; evaluationsLeft > 0; evaluationsLeft--)
        {
            var width = Math.Abs(high.Alpha - low.Alpha);
            if (width <= 1e-16 * Math.Max(high.Alpha, low.Alpha)) break;
            var point = await EvaluateAsync(objective, x, direction, Interpolate(low, high), trial, trialGradient).ConfigureAwait(false);
            if (objective.Cancelled) return null;
            if (ApproximateWolfe(origin, point)) return point;
            if (!SufficientDecrease(origin, point) || point.Value >= low.Value)
                high = point;
            else
            {
                if (Math.Abs(point.Slope) <= -curvature * origin.Slope) return point;
                if (point.Slope * (high.Alpha - low.Alpha) >= 0) high = low;
                low = point;
            }
        }
        return await FallbackAsync(objective, x, direction, low, trial, trialGradient).ConfigureAwait(false);
    }

    /// <summary>Accepts the best sufficient-decrease point found, re-evaluating it into the buffers; null if there is none.</summary>
    private static async ValueTask<LineSearchPoint?> FallbackAsync<T>(Objective<T> objective, T[] x, double[] direction, LineSearchPoint best, T[] trial, T[] trialGradient) where T : IFloatingPointIeee754<T> =>
        best.Alpha > 0 ? await EvaluateAsync(objective, x, direction, best.Alpha, trial, trialGradient).ConfigureAwait(false) : null;

    /// <summary>
    /// Armijo's condition, and a strictly lower value (when α·φ′(0) is below φ's rounding, a step too
    /// small to move x would pass). Written so that a NaN value fails.
    /// </summary>
    private bool SufficientDecrease(LineSearchPoint origin, LineSearchPoint point) =>
        point.Value < origin.Value && point.Value <= origin.Value + sufficientDecrease * point.Alpha * origin.Slope;

    /// <summary>The approximate Wolfe conditions (see the remarks); NaN fails.</summary>
    private bool ApproximateWolfe(LineSearchPoint origin, LineSearchPoint point) =>
        point.Value <= origin.Value + ValueRounding * Math.Abs(origin.Value)
        && point.Slope <= (2 * sufficientDecrease - 1) * origin.Slope
        && Math.Abs(point.Slope) <= -curvature * origin.Slope;

    /// <summary>
    /// The minimiser of the cubic matching φ and φ′ at both ends (Nocedal and Wright eq. 3.59), kept at
    /// least a tenth of the interval away from its ends; bisection when the cubic has no usable minimiser.
    /// </summary>
    private static double Interpolate(LineSearchPoint a, LineSearchPoint b)
    {
        var (lo, hi) = (Math.Min(a.Alpha, b.Alpha), Math.Max(a.Alpha, b.Alpha));
        var middle = lo + (hi - lo) / 2;
        var d1 = a.Slope + b.Slope - 3 * (a.Value - b.Value) / (a.Alpha - b.Alpha);
        var discriminant = d1 * d1 - a.Slope * b.Slope;
        if (!(discriminant >= 0)) return middle;
        var d2 = Math.Sign(b.Alpha - a.Alpha) * Math.Sqrt(discriminant);
        var alpha = b.Alpha - (b.Alpha - a.Alpha) * (b.Slope + d2 - d1) / (b.Slope - a.Slope + 2 * d2);
        var margin = 0.1 * (hi - lo);
        return alpha >= lo + margin && alpha <= hi - margin ? alpha : middle;
    }

    private static async ValueTask<LineSearchPoint> EvaluateAsync<T>(Objective<T> objective, T[] x, double[] direction, double alpha, T[] trial, T[] trialGradient) where T : IFloatingPointIeee754<T>
    {
        Vectors.SetStep(trial, x, alpha, direction);
        var value = await objective.EvaluateAsync(trial, trialGradient).ConfigureAwait(false);
        return new(alpha, value, Vectors.DotDirection(trialGradient, direction));
    }
}
