namespace Symbolic.Tests.Oracles;

/// <summary>
/// A hyper-dual number and, part by part, the scale of its rounding error: a bound, in units of
/// "relative rounding of one operation", on how far any correct evaluation order may land from the
/// exact result. Sums add the scales of their terms (so cancellation keeps the scale of the
/// cancelled terms), products multiply them, and a function f amplifies the scale of its argument
/// by |f′|. Comparisons use it as "tolerance = a few ulps × scale", which stays sound where a
/// derivative is a small difference of large terms, as random expressions often are.
/// <see cref="Varies"/> says whether the value moves with the parameters at all: a kink whose argument
/// is locally constant (floor(floor(x)), |sign(x)|) is no kink there.
/// </summary>
public readonly record struct TrackedDual(HyperDual Number, HyperDual Scale, bool Varies)
{
    public static TrackedDual Constant(double value) => new(HyperDual.Constant(value), HyperDual.Constant(Math.Abs(value)), false);

    /// <summary>A variable, seeded on ε₁ and/or ε₂.</summary>
    public static TrackedDual Variable(double value, bool seedFirst, bool seedSecond)
    {
        var number = new HyperDual(value, seedFirst ? 1 : 0, seedSecond ? 1 : 0, 0);
        return new(number, number with { Value = Math.Abs(value) }, true);
    }

    public static TrackedDual operator +(TrackedDual a, TrackedDual b) => new(a.Number + b.Number, a.Scale + b.Scale, a.Varies || b.Varies);

    public static TrackedDual operator -(TrackedDual a, TrackedDual b) => new(a.Number - b.Number, a.Scale + b.Scale, a.Varies || b.Varies);

    public static TrackedDual operator -(TrackedDual a) => a with { Number = -a.Number };

    // Scales are non-negative and bound their parts, so the product rule applied to scales bounds every partial product.
    public static TrackedDual operator *(TrackedDual a, TrackedDual b) => new(a.Number * b.Number, a.Scale * b.Scale, a.Varies || b.Varies);

    public static TrackedDual operator /(TrackedDual a, TrackedDual b)
    {
        var v = b.Number.Value;
        var reciprocalScale = ChainScale(b.Number, b.Scale, new Taylor2(1 / v, -1 / (v * v), 2 / (v * v * v)));
        return new(a.Number / b.Number, a.Scale * reciprocalScale, a.Varies || b.Varies);
    }

    /// <summary>f(this) for a function with value and derivatives <paramref name="f"/> at this value.</summary>
    /// <remarks>
    /// An argument that does not move with the seeded parameters gives derivative parts that are
    /// exactly zero, even where f′ is infinite or NaN (sqrt at 0): it is a constant for this derivative.
    /// </remarks>
    public TrackedDual Chain(Taylor2 f) => Number.IsConstant
        ? this with { Number = HyperDual.Constant(f.F), Scale = HyperDual.Constant(Math.Abs(f.F) + Amplified(f.D1, Scale.Value)) }
        : new(Number.Chain(f.F, f.D1, f.D2), ChainScale(Number, Scale, f), Varies);

    /// <summary>f(u, v) for a function with value <paramref name="f"/>, gradient and Hessian at (u, v).</summary>
    public static TrackedDual Chain(TrackedDual u, TrackedDual v, double f, double fu, double fv, double fuu, double fuv, double fvv)
    {
        var (x, y, su, sv) = (u.Number, v.Number, u.Scale, v.Scale);
        if (x.IsConstant && y.IsConstant)
            return new(HyperDual.Constant(f), HyperDual.Constant(Math.Abs(f) + Amplified(fu, su.Value) + Amplified(fv, sv.Value)), u.Varies || v.Varies);
        var number = HyperDual.Chain(x, y, f, fu, fv, fuu, fuv, fvv);
        var (au, av, auu, auv, avv) = (Math.Abs(fu), Math.Abs(fv), Math.Abs(fuu), Math.Abs(fuv), Math.Abs(fvv));
        double Part(double su_, double sv_, double xu, double yv) =>
            au * su_ + av * sv_ + (auu * Math.Abs(xu) + auv * Math.Abs(yv)) * su.Value + (auv * Math.Abs(xu) + avv * Math.Abs(yv)) * sv.Value;
        var scale = new HyperDual(
            Math.Abs(f) + au * su.Value + av * sv.Value,
            Part(su.D1, sv.D1, x.D1, y.D1),
            Part(su.D2, sv.D2, x.D2, y.D2),
            Part(su.D12, sv.D12, x.D12, y.D12) + auu * su.D1 * su.D2 + auv * (su.D1 * sv.D2 + sv.D1 * su.D2) + avv * sv.D1 * sv.D2);
        return new(number, scale, u.Varies || v.Varies);
    }

    /// <summary>The same number with a different value (composed functions keep the model's own value).</summary>
    public TrackedDual WithValue(double value) => this with { Number = Number.WithValue(value), Scale = Scale with { Value = Math.Max(Scale.Value, Math.Abs(value)) } };

    /// <summary>A piecewise-constant result: the value with derivative zero.</summary>
    public static TrackedDual Flat(double value) => Constant(value);

    // The error of an argument carried into a value (none where the slope is infinite: nothing to compare there).
    private static double Amplified(double slope, double scale) => double.IsFinite(slope) ? Math.Abs(slope) * scale : 0;

    // Each part: its own rounding (|part|, bounded by the abs chain rule) plus the error of the
    // argument's parts carried through f′ and f″.
    // A derivative formula may read the rounded value (tanh′ u = 1 − tanh² u): the value's own rounding, |f|,
    // moves f′ by f″/f′ per unit of f, which near saturation is far more than f′'s own rounding (float's 1 − t² at
    // t = tanh 9 is all rounding).
    private static HyperDual ChainScale(HyperDual x, HyperDual s, Taylor2 f)
    {
        var (a1, a2) = (Math.Abs(f.D1), Math.Abs(f.D2));
        var fromValue = f.D1 != 0 && double.IsFinite(f.D2 / f.D1 * f.F) ? Math.Abs(f.D2 / f.D1 * f.F) : 0;
        return new(
            Math.Abs(f.F) + a1 * s.Value,
            a1 * s.D1 + (a2 * s.Value + fromValue) * Math.Abs(x.D1),
            a1 * s.D2 + (a2 * s.Value + fromValue) * Math.Abs(x.D2),
            a1 * s.D12 + a2 * s.D1 * s.D2 + a2 * Math.Abs(x.D12) * s.Value);
    }
}
