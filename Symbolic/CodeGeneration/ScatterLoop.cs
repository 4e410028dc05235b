using System.Linq.Expressions;
using Symbolic.Differentiation;

namespace Symbolic.CodeGeneration;

/// <summary>
/// A loop over <paramref name="Index"/> writing the scatters that read it; <paramref name="Sums"/> are the
/// sums over the same index computed in the same pass (null or empty: none). <paramref name="Body"/> binds the index.
/// </summary>
internal sealed record ScatterLoop(ParameterExpression Index, IReadOnlyList<Scatter> Scatters, FusedLoop? Sums, ProcedureSchedule Body)
{
    /// <summary>Whether the loop writes its entries once, carrying later entries in registers (null: it adds); its body's <see cref="ProcedureSchedule.Carry"/>.</summary>
    public CarriedWrite? Carry => Body.Carry;
}
