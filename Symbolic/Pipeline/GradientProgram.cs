using Symbolic.CodeGeneration;
using Symbolic.Dense;
using Symbolic.Differentiation;
using Symbolic.Graph;

namespace Symbolic.Pipeline;

/// <summary>
/// What <see cref="GradientPasses"/> hands to the backend: the value and the constant-index adjoints
/// (<see cref="Outputs"/>: the value first, then one per variable of <see cref="Model"/>), the scattered
/// adjoints (elements, and whole matrices the kernel writes), the blocks of the gradient a matrix product
/// overwrites whole (<see cref="Uncleared"/>: never cleared first), and the emit options every output uses.
/// </summary>
internal sealed record GradientProgram(ScalarModel Model, Node[] Outputs, IReadOnlyList<Scatter> Elements, IReadOnlyList<MatrixScatter> Matrices,
    IReadOnlyList<(int Start, int Length)> Uncleared, EmitOptions Emit)
{
    /// <summary>The element scatters that write every entry they reach once, carried (null: they add into a cleared gradient).</summary>
    public CoveringScatter? Covering { get; init; }

    /// <summary>The scatter loops and kernel writes into <paramref name="target"/> (the caller's buffer or a new vector), if any.</summary>
    public ScatterPlan? PlanFor(System.Linq.Expressions.Expression target) =>
        Elements.Count + Matrices.Count == 0 ? null : new ScatterPlan(target, Elements, Model.Graph.CountOf, Model.Graph.DepthOf) { Matrices = Matrices, Covering = Covering };
}
