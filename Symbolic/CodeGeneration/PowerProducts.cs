namespace Symbolic.CodeGeneration;

/// <summary>Which powers are emitted as multiplications rather than a <see cref="Math.Pow"/> call.</summary>
internal static class PowerProducts
{
    /// <summary>|n| when x^n is emitted as at most two multiplications (n = 2, 3, 4, and -1 … -4 as reciprocals); null for a Pow call.</summary>
    public static int? Plan(EmitOptions options, double exponent) => exponent switch
    {
        2 or 3 or 4 when options.PowersAsProducts => (int)exponent,
        -1 or -2 or -3 or -4 when options.ReciprocalsAndRoots => (int)-exponent,
        _ => null,
    };
}
