using System.Linq.Expressions;
using Symbolic.Dense;
using Symbolic.Differentiation;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Adjoints to add into <paramref name="Target"/> at loop-dependent indexes, and the count and nesting depth
/// of each loop index; <see cref="Matrices"/> are whole matrices of adjoints added into strided views of it.
/// </summary>
internal sealed record ScatterPlan(Expression Target, IReadOnlyList<Scatter> Scatters, Func<ParameterExpression, Expression> CountOf, Func<ParameterExpression, int> DepthOf)
{
    /// <summary>Matrices added into the target, each by one kernel call (a weight matrix's gradient straight from its product).</summary>
    public IReadOnlyList<MatrixScatter> Matrices { get; init; } = [];

    /// <summary>The scatters that write their entries once, carried from iteration to iteration (null: every scatter adds).</summary>
    public CoveringScatter? Covering { get; init; }
}
