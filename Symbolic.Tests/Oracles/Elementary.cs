namespace Symbolic.Tests.Oracles;

/// <summary>f, f′ and f″ of a one-argument function at a point.</summary>
public readonly record struct Taylor2(double F, double D1, double D2);

/// <summary>
/// The one-argument <see cref="Math"/> functions with their first and second derivatives, written
/// out from calculus (not from the library's rule table). The value is always Math's own, so the
/// oracle's value is bit-identical to the model's. Piecewise-constant functions have derivative 0;
/// |x| has derivative sign(x), 0 at the kink, as the library documents.
/// </summary>
public static class Elementary
{
    public static Taylor2 At(string name, double x)
    {
        switch (name)
        {
            case nameof(Math.Sin): { var (s, c) = (Math.Sin(x), Math.Cos(x)); return new(s, c, -s); }
            case nameof(Math.Cos): { var (s, c) = (Math.Sin(x), Math.Cos(x)); return new(c, -s, -c); }
            case nameof(Math.Tan): { var t = Math.Tan(x); var d = 1 + t * t; return new(t, d, 2 * t * d); }
            case nameof(Math.Asin): { var g = 1 / Math.Sqrt(1 - x * x); return new(Math.Asin(x), g, x * g * g * g); }
            case nameof(Math.Acos): { var g = 1 / Math.Sqrt(1 - x * x); return new(Math.Acos(x), -g, -x * g * g * g); }
            case nameof(Math.Atan): { var h = 1 / (1 + x * x); return new(Math.Atan(x), h, -2 * x * h * h); }
            case nameof(Math.Sinh): return new(Math.Sinh(x), Math.Cosh(x), Math.Sinh(x));
            case nameof(Math.Cosh): return new(Math.Cosh(x), Math.Sinh(x), Math.Cosh(x));
            case nameof(Math.Tanh): { var t = Math.Tanh(x); var s = 1 - t * t; return new(t, s, -2 * t * s); }
            case nameof(Math.Asinh): { var g = 1 / Math.Sqrt(x * x + 1); return new(Math.Asinh(x), g, -x * g * g * g); }
            case nameof(Math.Acosh): { var g = 1 / Math.Sqrt((x - 1) * (x + 1)); return new(Math.Acosh(x), g, -x * g * g * g); }
            case nameof(Math.Atanh): { var h = 1 / ((1 - x) * (1 + x)); return new(Math.Atanh(x), h, 2 * x * h * h); }
            case nameof(Math.Exp): { var e = Math.Exp(x); return new(e, e, e); }
            case nameof(Math.Log): return new(Math.Log(x), 1 / x, -1 / (x * x));
            case nameof(Math.Log10): return new(Math.Log10(x), 1 / (x * Math.Log(10)), -1 / (x * x * Math.Log(10)));
            case nameof(Math.Log2): return new(Math.Log2(x), 1 / (x * Math.Log(2)), -1 / (x * x * Math.Log(2)));
            case nameof(Math.Sqrt): { var r = Math.Sqrt(x); return new(r, 0.5 / r, -0.25 / (r * r * r)); }
            case nameof(Math.Cbrt): { var c = Math.Cbrt(x); return new(c, 1 / (3 * c * c), -2 / (9 * c * c * c * c * c)); }
            case nameof(Math.Abs): return new(Math.Abs(x), x > 0 ? 1 : x < 0 ? -1 : 0, 0);
            case nameof(Math.Floor): return new(Math.Floor(x), 0, 0);
            case nameof(Math.Ceiling): return new(Math.Ceiling(x), 0, 0);
            case nameof(Math.Round): return new(Math.Round(x), 0, 0);
            case nameof(Math.Truncate): return new(Math.Truncate(x), 0, 0);
            default: throw new NotSupportedException($"The oracle has no derivatives for Math.{name}.");
        }
    }

    /// <summary>u^c for a constant exponent c: the power rule, with no log term (so negative bases work for integer c).</summary>
    public static Taylor2 ConstantPower(double u, double c) =>
        new(Math.Pow(u, c), Term(c, u, c - 1), Term(c * (c - 1), u, c - 2));

    // k·u^e with 0·u^e = 0 even where u^e is infinite (u = 0): the coefficient vanishes for low powers.
    private static double Term(double k, double u, double e) => k == 0 ? 0 : k * Math.Pow(u, e);
}
