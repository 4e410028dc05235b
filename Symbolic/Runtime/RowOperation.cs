namespace Symbolic.Runtime;

/// <summary>
/// The operations <see cref="RowMaps"/> applies to whole rows, as the <c>op</c> code emitted calls pass. The
/// runtime's own codes rather than the IR's operation enums, so the runtime does not depend on the IR; the
/// backend maps an IR operation to one of these (or keeps a scalar loop when there is none).
/// </summary>
/// <remarks>
/// The numbers are part of the public contract: C# source printed by <c>ToCSharpGradient</c> passes them as
/// literals, so a code never changes its number (new operations take new numbers).
/// </remarks>
internal enum RowOperation
{
    Negate = 0, Abs = 1, Exp = 2, Log = 3, Sqrt = 4, Tanh = 5, Sin = 6, Cos = 7, Sinh = 8, Cosh = 9, Atan = 10,
    Add = 11, Subtract = 12, Multiply = 13, Divide = 14,
    /// <summary>Comparisons (of <c>RowMaps.Select</c>) with C#'s IEEE semantics: false for NaN but <see cref="NotEqual"/>.</summary>
    Equal = 15, NotEqual = 16, LessThan = 17, LessThanOrEqual = 18, GreaterThan = 19, GreaterThanOrEqual = 20,
    /// <summary><c>SymbolicMath.Sign</c>: 1, −1, 0 for ±0, NaN for NaN (|r|'s derivative in a blocked row loop).</summary>
    Sign = 21,
}
