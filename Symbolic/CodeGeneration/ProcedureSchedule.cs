using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// What one procedure (the method body, or a loop's body) computes, where and into which local, decided
/// once by <see cref="ProcedureScheduler"/> and read by <see cref="ExpressionEmitter"/>; nested loops carry
/// their own schedules (<see cref="Bodies"/>, <see cref="FusedLoop.Body"/>, <see cref="ScatterLoop.Body"/>).
/// Immutable; <see cref="Dump"/> prints it.
/// </summary>
internal sealed record ProcedureSchedule
{
    /// <summary>The loop indices bound here, outermost first (empty for the method body).</summary>
    public required IReadOnlyList<ParameterExpression> Bound { get; init; }

    /// <summary>Whether enclosing procedures computed a node before this one runs: read, never recomputed.</summary>
    public required Func<Node, bool> IsAvailable { get; init; }

    /// <summary>The values handed to the procedure's shape, in order.</summary>
    public required IReadOnlyList<Node> Outputs { get; init; }

    /// <summary><see cref="Outputs"/>, then the direct scatters' adjoints, their guards' tests and the matrix scatters' inputs.</summary>
    public required IReadOnlyList<Node> Roots { get; init; }

    /// <summary>Values the scatter loops read at every iteration, computed here before them.</summary>
    public required IReadOnlyList<Node> LoopInvariants { get; init; }

    /// <summary>The nodes this procedure computes, in id order (operands first).</summary>
    public required IReadOnlyList<Node> Reachable { get; init; }

    /// <summary>The scope each node is computed in (nodes enclosing procedures computed may appear: their uses here).</summary>
    public required IReadOnlyDictionary<Node, Scope> Placement { get; init; }

    /// <summary>Nodes written out at each use rather than computed once (see <see cref="BranchPlacement"/>).</summary>
    public required IReadOnlySet<Node> Rematerialized { get; init; }

    /// <summary>
    /// Loop invariants computed under a test before the scatter loops that read them under the same test
    /// (<see cref="GuardedInvariants"/>), each with its branch's scope: that scope's values are computed in one guard block.
    /// </summary>
    public IReadOnlyDictionary<Node, Scope> Guarded { get; init; } = new Dictionary<Node, Scope>();

    /// <summary>The nodes computed once into a local, with the local's number (t1, t2 ... counted with the sin/cos locals); the others are inlined.</summary>
    public required IReadOnlyDictionary<Node, int> Locals { get; init; }

    /// <summary>sin/cos pairs by their operand.</summary>
    public required IReadOnlyDictionary<Node, SinCosPair> SinCos { get; init; }

    /// <summary>Product operands that are strided views of an array read in place (null: computed into a buffer).</summary>
    public required IReadOnlyDictionary<Node, Dense.StridedView?> Views { get; init; }

    /// <summary>Sums computed by a fused loop, each mapped to its loop.</summary>
    public required IReadOnlyDictionary<SumNode, FusedLoop> Fused { get; init; }

    /// <summary>The accumulators of the fused loops, in order.</summary>
    public required IReadOnlyList<ParameterExpression> Accumulators { get; init; }

    /// <summary>The body of each sum, arg-extremum and grid computed here and not fused.</summary>
    public required IReadOnlyDictionary<Node, ProcedureSchedule> Bodies { get; init; }

    /// <summary>The seed of each fold computed here (its components), and the scatters that start each reverse fold.</summary>
    public IReadOnlyDictionary<Node, ProcedureSchedule> Seeds { get; init; } = new Dictionary<Node, ProcedureSchedule>();

    /// <summary>The folds computed here whose step computes what its components share once per step (<see cref="FoldStepSplit"/>).</summary>
    public IReadOnlyDictionary<Node, FoldStepSplit> FoldSteps { get; init; } = new Dictionary<Node, FoldStepSplit>();

    /// <summary>For a sweep that recomputes a checkpointed fold's segments, that fold's step, scheduled where the sweep runs.</summary>
    public IReadOnlyDictionary<Node, ProcedureSchedule> Recomputes { get; init; } = new Dictionary<Node, ProcedureSchedule>();

    /// <summary>The scatters this procedure writes (null: none).</summary>
    public required ScatterPlan? Scatters { get; init; }

    /// <summary>Scatters written without a loop, under their guards.</summary>
    public required IReadOnlyList<DirectScatter> Direct { get; init; }

    /// <summary>Scatters written by loops over an index not bound here, outermost index first.</summary>
    public required IReadOnlyList<ScatterLoop> ScatterLoops { get; init; }

    /// <summary>In a scatter loop's body: its scatters write once, carried (null: they add, <c>+=</c>).</summary>
    public CarriedWrite? Carry { get; init; }

    /// <summary>Whether <paramref name="node"/>, computed here or by an enclosing procedure, is assigned in <paramref name="scope"/>.</summary>
    public bool IsAssignedIn(Node node, Scope scope) => !Placement.TryGetValue(node, out var placed) || placed.Encloses(scope);

    /// <summary>The schedule as text: each statement with its placement and local, nested loops indented.</summary>
    public string Dump() => ScheduleDump.Write(this);

    /// <inheritdoc cref="Dump"/>
    public override string ToString() => Dump();
}
