namespace Symbolic.Tests.Oracles;

/// <summary>
/// A hyper-dual number v + d₁ε₁ + d₂ε₂ + d₁₂ε₁ε₂ with ε₁² = ε₂² = 0 (and ε₁ε₂ ≠ 0). Seeding ε₁ on xᵢ and
/// ε₂ on xⱼ makes every value carry ∂/∂xᵢ, ∂/∂xⱼ and ∂²/∂xᵢ∂xⱼ, exact to rounding: no step size, no
/// truncation error, so it can check first and second derivatives alike.
/// </summary>
public readonly record struct HyperDual(double Value, double D1, double D2, double D12)
{
    public static HyperDual Constant(double value) => new(value, 0, 0, 0);

    public bool IsConstant => D1 == 0 && D2 == 0 && D12 == 0;

    public static HyperDual operator +(HyperDual a, HyperDual b) => new(a.Value + b.Value, a.D1 + b.D1, a.D2 + b.D2, a.D12 + b.D12);

    public static HyperDual operator -(HyperDual a, HyperDual b) => new(a.Value - b.Value, a.D1 - b.D1, a.D2 - b.D2, a.D12 - b.D12);

    public static HyperDual operator -(HyperDual a) => new(-a.Value, -a.D1, -a.D2, -a.D12);

    public static HyperDual operator *(HyperDual a, HyperDual b) => new(
        a.Value * b.Value,
        a.Value * b.D1 + a.D1 * b.Value,
        a.Value * b.D2 + a.D2 * b.Value,
        a.Value * b.D12 + a.D1 * b.D2 + a.D2 * b.D1 + a.D12 * b.Value);

    // From a = q·b, solved for the parts of q; the value stays a plain a/b (bit-identical to the model).
    public static HyperDual operator /(HyperDual a, HyperDual b)
    {
        var q = a.Value / b.Value;
        var q1 = (a.D1 - q * b.D1) / b.Value;
        var q2 = (a.D2 - q * b.D2) / b.Value;
        return new(q, q1, q2, (a.D12 - q * b.D12 - q1 * b.D2 - q2 * b.D1) / b.Value);
    }

    /// <summary>f(this) by the chain rule, given f, f′ and f″ at <see cref="Value"/>.</summary>
    public HyperDual Chain(double f, double df, double d2f) => new(f, df * D1, df * D2, df * D12 + d2f * D1 * D2);

    /// <summary>f(u, v) by the chain rule, given f, its gradient and its Hessian at (u, v).</summary>
    public static HyperDual Chain(HyperDual u, HyperDual v, double f, double fu, double fv, double fuu, double fuv, double fvv) => new(
        f,
        fu * u.D1 + fv * v.D1,
        fu * u.D2 + fv * v.D2,
        fu * u.D12 + fv * v.D12 + fuu * u.D1 * u.D2 + fuv * (u.D1 * v.D2 + v.D1 * u.D2) + fvv * v.D1 * v.D2);

    /// <summary>The same derivatives with another value: for functions computed by composition whose value must stay the model's own.</summary>
    public HyperDual WithValue(double value) => this with { Value = value };

    public override string ToString() => $"{Value:R} + {D1:R}ε₁ + {D2:R}ε₂ + {D12:R}ε₁ε₂";
}
