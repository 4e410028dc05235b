namespace Symbolic.Simplification.Rules;

/// <summary>
/// The correctly rounded sum of a few doubles (Shewchuk's exact partials, as Python's <c>math.fsum</c>): the value of
/// folding a sum's constants, or a like term's coefficients, must not depend on the order the terms were met in. Added
/// left to right, 1 + c − 1 loses all but the top seven digits of a small c (c = e^(−22.56): 1.58939084e-10 for
/// 1.58939101e-10), where the sum written (1 − 1) + c is exact.
/// </summary>
internal static class ExactSum
{
    /// <summary>The sum of <paramref name="values"/> rounded once; the plain left-to-right sum when one of them, or the sum, is not finite.</summary>
    public static double Of(IReadOnlyList<double> values)
    {
        if (values.Count == 1) return values[0];
        var partials = new List<double>(values.Count);
        var plain = 0.0;
        foreach (var value in values)
        {
            plain += value;
            if (!double.IsFinite(value)) return PlainSum(values);
            var x = value;
            var kept = 0;
            // Each partial is exact: x + y = hi + lo with lo the rounding error of hi, kept when not zero.
            for (var i = 0; i < partials.Count; i++)
            {
                var y = partials[i];
                if (Math.Abs(x) < Math.Abs(y)) (x, y) = (y, x);
                var hi = x + y;
                var lo = y - (hi - x);
                if (lo != 0) partials[kept++] = lo;
                x = hi;
            }
            partials.RemoveRange(kept, partials.Count - kept);
            partials.Add(x);
        }
        return double.IsFinite(plain) ? Round(partials) : plain;
    }

    // The partials are non-overlapping and increasing in magnitude: add them from the top until the rest cannot change
    // the result, then correct a tie that the remaining partials break (round half to even would otherwise go the wrong way).
    private static double Round(List<double> partials)
    {
        var n = partials.Count;
        if (n == 0) return 0;
        var sum = partials[--n];
        var lo = 0.0;
        while (n > 0)
        {
            var x = sum;
            var y = partials[--n];
            sum = x + y;
            lo = y - (sum - x);
            if (lo != 0) break;
        }
        if (n > 0 && (lo < 0 && partials[n - 1] < 0 || lo > 0 && partials[n - 1] > 0))
        {
            var y = lo * 2;
            var x = sum + y;
            if (y == x - sum) sum = x;
        }
        return sum;
    }

    private static double PlainSum(IReadOnlyList<double> values)
    {
        var sum = 0.0;
        foreach (var value in values) sum += value;
        return sum;
    }
}
