using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// The schedule of a fold's step. Lowering writes the step per component s (<c>Select(j =&gt; …)</c>, or
/// <c>s == 0 ? e0 : s == 1 ? e1 : …</c> for <c>new[] { e0, e1, … }</c>), so a value every component reads
/// (a Runge–Kutta stage, a sum over the state) would be computed again for every component. The values that read
/// the step index but not the component index are computed once per step instead (<see cref="FoldStepSplit"/>).
/// </summary>
internal sealed partial class ProcedureScheduler
{
    /// <summary>
    /// The step's schedule (bound: the enclosing loops' indices and the step index, or with the component index too
    /// when nothing is shared) and, when something is, how the step splits (<see cref="_foldSteps"/>, under
    /// <paramref name="key"/>: the fold, or the sweep that recomputes a checkpointed fold's segments with the same split,
    /// so that the recomputed states are the stored ones bit for bit).
    /// </summary>
    private ProcedureSchedule FoldStep(FoldNode fold, Func<Node, bool> available, Node key)
    {
        var perStep = new List<ParameterExpression>([.. _bound, fold.Index]);
        // A width known only when the model runs (a batch of run-time size) splits too: it is no new[] { … }, but may share values and map.
        var constant = Runtime.LinqRuntime.Dimension(fold.Width) is ConstantExpression { Value: int w } ? w : (int?)null;
        if (constant is null or > 1)
        {
            // new[] { e0, e1, … }: the components themselves are computed once per step, each written without a loop.
            if (constant is { } width && ComponentsOf(fold, width) is { } components)
            {
                _foldSteps[key] = new FoldStepSplit(components, null);
                return Nested(perStep, available, components, null);
            }
            var shared = SharedValues(fold, perStep, available);
            var map = MapOf(fold, Runtime.LinqRuntime.Dimension(fold.Width));
            if (shared.Count > 0 || map is not null)
            {
                var set = shared.ToHashSet();
                var loop = Nested([.. perStep, fold.Component], node => set.Contains(node) || available(node), [map?.Operand ?? fold.Step], null);
                _foldSteps[key] = new FoldStepSplit(shared, loop, map?.Op);
                return Nested(perStep, available, shared, null);
            }
        }
        return Nested([.. perStep, fold.Component], available, [fold.Step], null);
    }

    /// <summary>
    /// e0 … e_{W−1} when the step is <c>s == 0 ? e0 : s == 1 ? e1 : … : e_{W−1}</c> (lowering's form of <c>new[] { … }</c>)
    /// and no eₖ reads the component index; else null.
    /// </summary>
    private static List<Node>? ComponentsOf(FoldNode fold, int width)
    {
        var components = new List<Node>();
        var node = fold.Step;
        for (var k = 0; k < width - 1; k++)
        {
            if (node is not ConditionalNode { Test: OpaqueNode { Expression: BinaryExpression { NodeType: ExpressionType.Equal } test } } c
                || test.Left != fold.Component || test.Right is not ConstantExpression { Value: int value } || value != k) return null;
            components.Add(c.IfTrue);
            node = c.IfFalse;
        }
        components.Add(node);
        return components.Any(c => c.Reads.Contains(fold.Component)) ? null : components;
    }

    /// <summary>
    /// The step as an exp-like map of a value per component (tanh(W·h + U·x + b)) when the map is worth one vectorised call
    /// over the row (<see cref="RowCostRule"/>); double models only (a float model's map is its own single-precision call).
    /// </summary>
    private UnaryNode? MapOf(FoldNode fold, Expression width) =>
        fold.Step is UnaryNode u && RowBlocking.IsMapped(u.Op) && !_options.Element.IsSingle && u.Operand.Reads.Contains(fold.Component)
        && RowCostRule.Vectorizes(width, calls: 1, arithmetic: 0, transcendental: 1) ? u : null;

    /// <summary>
    /// The first nodes below the step that read no index but the enclosing loops' and the step's (the component
    /// loop's invariants), less what is computed outside the fold already and leaves (a read is as cheap as its
    /// local): empty when no computation is shared.
    /// </summary>
    private List<Node> SharedValues(FoldNode fold, IReadOnlyList<ParameterExpression> perStep, Func<Node, bool> available)
    {
        // Reads, not FreeIndices: a sum written inside the step (h.Sum()) lives in the component loop, but its value reads only t.
        var bound = perStep.ToHashSet();
        var invariants = new LoopInvariants(node => node.Reads.All(bound.Contains), new MayThrowAnalysis(available, new HashSet<Node>(), _stateReads));
        var frontier = invariants.Frontier([fold.Step], fold.Component, fold.Width);
        var shared = frontier.Where(n => !available(n) && n.Children.Length > 0).OrderBy(n => n.Id).ToList();
        return shared;
    }
}
