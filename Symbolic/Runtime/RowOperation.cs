namespace Symbolic.Runtime;

/// <summary>
/// The operations <see cref="RowMaps"/> applies to whole rows, as the <c>op</c> code emitted calls pass. The
/// runtime's own codes rather than the IR's operation enums, so the runtime does not depend on the IR; the
/// backend maps an IR operation to one of these (or keeps a scalar loop when there is none).
/// </summary>
internal enum RowOperation
{
    Negate, Abs, Exp, Log, Sqrt, Tanh, Sin, Cos, Sinh, Cosh, Atan,
    Add, Subtract, Multiply, Divide,
    /// <summary>Comparisons (of <see cref="RowMaps.Select"/>) with C#'s IEEE semantics: false for NaN but <see cref="NotEqual"/>.</summary>
    Equal, NotEqual, LessThan, LessThanOrEqual, GreaterThan, GreaterThanOrEqual,
}
