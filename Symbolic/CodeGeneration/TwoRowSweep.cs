using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>A sweep that keeps two rows of adjoints.</summary>
/// <param name="Recomputes">The checkpointed fold whose segments it recomputes, if any.</param>
internal sealed record TwoRowSweep(FoldNode? Recomputes);
