namespace Symbolic.CodeGeneration;

/// <summary>Choices the emitter makes that change results by rounding only.</summary>
/// <param name="PowersAsProducts">
/// Emit small integer powers as multiplications and x^0.5 as Sqrt (the "rounding" class: a few ulps
/// from <see cref="Math.Pow"/> on finite values). Off, every power is a <see cref="Math.Pow"/> call.
/// </param>
internal sealed record EmitOptions(bool PowersAsProducts)
{
    /// <summary>Bit-identical to evaluating the graph operation by operation.</summary>
    public static readonly EmitOptions Exact = new(PowersAsProducts: false);

    /// <summary>Fast: integer powers as products.</summary>
    public static readonly EmitOptions Fast = new(PowersAsProducts: true);
}
