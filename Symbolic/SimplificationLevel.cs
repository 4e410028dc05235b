namespace Symbolic;

/// <summary>
/// How far simplification may go, by the floating-point class of the rewrites it allows
/// (see docs/simplification.md). Each level includes the ones before it.
/// </summary>
public enum SimplificationLevel
{
    /// <summary>Only rewrites that give bit-identical results for every input, NaN and infinities included.</summary>
    Exact,

    /// <summary>
    /// Also rewrites whose finite results differ by a few ulps at most and whose special values are
    /// unchanged, such as integer powers emitted as multiplications.
    /// </summary>
    Rounding,

    /// <summary>
    /// Also algebra: collecting like terms and powers, cancelling. Correct wherever the original is
    /// finite; may round differently, and may be finite where the original overflowed or was NaN
    /// (x/x becomes 1). The default for derivatives, which are new expressions with no "original".
    /// </summary>
    Algebraic,
}
