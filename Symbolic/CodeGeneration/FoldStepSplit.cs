using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// How a fold's step is computed once per step rather than once per component: the values the step's components
/// share (<see cref="Shared"/>: they read the step index and the previous state, not the component index) are the
/// outputs of the step's procedure, computed once per t; then either <see cref="ComponentLoop"/> computes each
/// component from them, or, when it is null, the shared values are the components themselves
/// (<c>new[] { e0, e1, … }</c>: component k is <c>Shared[k]</c>, written without a component loop). A step that is an
/// exp-like map of a per-component value (an RNN's tanh) has <see cref="Map"/>: the component loop writes the map's
/// operand, and the map runs over the whole new row in one vectorised call.
/// </summary>
/// <param name="Shared">The values computed once per step, in order.</param>
/// <param name="ComponentLoop">The loop over the components (bound: the step and component indices), or null.</param>
/// <param name="Map">The map applied to the new row after the component loop (the loop then computes its operand), or null.</param>
internal sealed record FoldStepSplit(IReadOnlyList<Node> Shared, ProcedureSchedule? ComponentLoop, UnaryOp? Map = null);
